import fs from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { KeySlot } from '../crypto/key-slots';
import { writeFileAtomic } from './atomic-file';
import { slotLookup } from './slot-lookup';
import type { CipherName } from './database';

/**
 * The key file beside the database: which cipher the database uses and the
 * key slots that open it. It holds no usernames (slots are found by a salted
 * hash) and no key in the clear.
 */
export interface Keyring {
  format: 'consent-desk-keyring';
  version: 1;
  storeId: string;
  cipher: CipherName;
  /** Increases each time the data key is rotated. */
  keyEpoch: number;
  slots: KeySlot[];
  /** X25519 public key (SPKI, base64) that events are sealed to while the store is closed. */
  auditPublicKey?: string;
}

const box = z.object({ iv: z.string(), ciphertext: z.string(), tag: z.string() });
export const keyringSchema = z.object({
  format: z.literal('consent-desk-keyring'),
  version: z.literal(1),
  storeId: z.string(),
  cipher: z.enum(['sqlcipher', 'aegis']),
  keyEpoch: z.number().int().nonnegative(),
  auditPublicKey: z.string().optional(),
  slots: z.array(
    z.object({
      id: z.string(),
      staffId: z.string().nullable(),
      lookup: z.string().nullable(),
      unlock: z.discriminatedUnion('kind', [
        z.object({
          kind: z.literal('password'),
          salt: z.string(),
          kdf: z.object({ name: z.literal('scrypt'), N: z.number(), r: z.number(), p: z.number() }),
        }),
        z.object({ kind: z.literal('recovery'), salt: z.string() }),
      ]),
      publicKey: z.string(),
      encryptedPrivateKey: box,
      sealedDataKey: box.extend({ ephemeralPublicKey: z.string() }),
    }),
  ),
});

export { slotLookup };

/** The keyring at `file`, or null when there is none. */
export function readKeyring(file: string): Keyring | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const result = keyringSchema.safeParse(parsed);
  if (!result.success) {
    throw new AppError('store_damaged', `The key file ${file} is damaged. Restore it from a backup of the data folder.`);
  }
  return result.data as Keyring;
}

export function writeKeyring(file: string, keyring: Keyring): void {
  writeFileAtomic(file, `${JSON.stringify(keyring, null, 2)}\n`);
}

export function findStaffSlot(keyring: Keyring, username: string): KeySlot | undefined {
  const lookup = slotLookup(keyring.storeId, username);
  return keyring.slots.find((slot) => slot.lookup === lookup);
}

export function recoverySlot(keyring: Keyring): KeySlot | undefined {
  return keyring.slots.find((slot) => slot.unlock.kind === 'recovery');
}
