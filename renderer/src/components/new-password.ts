import { i18n } from '../i18n/i18n';
/**
 * The refinement options that put "not the same" on a confirmation field,
 * for forms that ask for a new password twice. The rule itself is in each
 * form schema: `v.password === v.confirmPassword`.
 */
export function mismatchOn(field: string) {
  return { path: [field], error: () => i18n.t('validation:passwordMismatch') };
}
