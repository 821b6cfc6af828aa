import type { PasswordContext } from './password-strength';

/**
 * Refuse a weak new password (see password-strength.ts). zxcvbn-ts's
 * dictionaries are 2.4 MB of source: they load with the first password
 * someone sets, not with every sign-in and every command.
 */
export async function assertStrongPassword(password: string, field: string, context: PasswordContext): Promise<void> {
  const strength = await import('./password-strength');
  strength.assertStrongPassword(password, field, context);
}
