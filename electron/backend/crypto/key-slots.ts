import crypto from 'node:crypto';
import { deriveKeyFromPassword, type ScryptParams } from './kdf';
import { keyFromRecoveryKey } from './recovery-key';
import { decrypt, encrypt, newKeyPair, openBox, sealTo, type BoxForKey, type SealedBox } from './sealed-box';

/**
 * Key slots. The database is encrypted with a random 256-bit data key that
 * is never stored in the clear. Each slot holds an X25519 key pair:
 * - its private key is encrypted (AES-256-GCM) under a key derived from the
 *   slot owner's secret (a staff password through scrypt, or the recovery
 *   key through HKDF);
 * - the data key is sealed to its public key (ephemeral X25519 + HKDF +
 *   AES-256-GCM).
 * Sealing needs only public keys, so an administrator can rotate the data
 * key and re-seal it for every remaining slot without knowing anyone's
 * password; a disabled person's slot simply gets no new data key.
 */
export type SlotUnlock =
  | { kind: 'password'; kdf: ScryptParams; salt: string }
  | { kind: 'recovery'; salt: string };

export interface KeySlot {
  id: string;
  /** The staff member this slot belongs to; null for the recovery slot. */
  staffId: string | null;
  /** SHA-256 of the store id and the username: finds a slot without storing the username. */
  lookup: string | null;
  unlock: SlotUnlock;
  publicKey: string;
  encryptedPrivateKey: SealedBox;
  sealedDataKey: BoxForKey;
}

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');
const dataKeyInfo = 'consent-desk data key v1';

async function unlockKey(unlock: SlotUnlock, secret: string | Buffer): Promise<Buffer> {
  if (unlock.kind === 'password') {
    if (typeof secret !== 'string') throw new Error('A password slot needs a password.');
    return deriveKeyFromPassword(secret, unb64(unlock.salt), unlock.kdf);
  }
  if (typeof secret === 'string') throw new Error('The recovery slot needs the recovery key bytes.');
  return keyFromRecoveryKey(secret, unb64(unlock.salt));
}

export async function createSlot(
  owner: { staffId: string | null; lookup: string | null },
  unlock: { kind: 'password'; password: string; kdf: ScryptParams } | { kind: 'recovery'; recoveryKey: Buffer },
  dataKey: Buffer,
): Promise<KeySlot> {
  const id = crypto.randomUUID();
  const salt = crypto.randomBytes(16);
  const slotUnlock: SlotUnlock =
    unlock.kind === 'password' ? { kind: 'password', kdf: unlock.kdf, salt: b64(salt) } : { kind: 'recovery', salt: b64(salt) };
  const kek = await unlockKey(slotUnlock, unlock.kind === 'password' ? unlock.password : unlock.recoveryKey);
  const { publicDer, privateDer } = newKeyPair();
  return {
    id,
    staffId: owner.staffId,
    lookup: owner.lookup,
    unlock: slotUnlock,
    publicKey: b64(publicDer),
    encryptedPrivateKey: encrypt(kek, privateDer, `private-key:${id}`),
    sealedDataKey: sealTo(publicDer, dataKey, `data-key:${id}`, dataKeyInfo),
  };
}

/** The data key held by this slot, or null when the secret is wrong. */
export async function openSlot(slot: KeySlot, secret: string | Buffer): Promise<Buffer | null> {
  const kek = await unlockKey(slot.unlock, secret);
  const privateDer = decrypt(kek, slot.encryptedPrivateKey, `private-key:${slot.id}`);
  return privateDer ? openBox(privateDer, unb64(slot.publicKey), slot.sealedDataKey, `data-key:${slot.id}`, dataKeyInfo) : null;
}

/** The same slot holding a new data key; its owner's secret still opens it. */
export function resealSlot(slot: KeySlot, newDataKey: Buffer): KeySlot {
  return { ...slot, sealedDataKey: sealTo(unb64(slot.publicKey), newDataKey, `data-key:${slot.id}`, dataKeyInfo) };
}
