import crypto from 'node:crypto';
import { deriveKeyFromPassword, type ScryptParams } from './kdf';
import { keyFromRecoveryKey } from './recovery-key';

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
export interface SealedBox {
  iv: string;
  ciphertext: string;
  tag: string;
}

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
  sealedDataKey: SealedBox & { ephemeralPublicKey: string };
}

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

function encrypt(key: Buffer, plaintext: Buffer, aad: string): SealedBox {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: b64(iv), ciphertext: b64(ciphertext), tag: b64(cipher.getAuthTag()) };
}

/** Returns null when the key is wrong or the box was altered (GCM tag mismatch). */
function decrypt(key: Buffer, box: SealedBox, aad: string): Buffer | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, unb64(box.iv));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(unb64(box.tag));
    return Buffer.concat([decipher.update(unb64(box.ciphertext)), decipher.final()]);
  } catch {
    return null;
  }
}

function sealKey(slotId: string, slotPublicKeyDer: Buffer, dataKey: Buffer): KeySlot['sealedDataKey'] {
  const recipient = crypto.createPublicKey({ key: slotPublicKeyDer, format: 'der', type: 'spki' });
  const ephemeral = crypto.generateKeyPairSync('x25519');
  const ephemeralDer = ephemeral.publicKey.export({ format: 'der', type: 'spki' });
  const shared = crypto.diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const wrapKey = Buffer.from(
    crypto.hkdfSync('sha256', shared, Buffer.concat([ephemeralDer, slotPublicKeyDer]), 'consent-desk data key v1', 32),
  );
  return { ...encrypt(wrapKey, dataKey, `data-key:${slotId}`), ephemeralPublicKey: b64(ephemeralDer) };
}

function openSealedKey(slot: KeySlot, privateKeyDer: Buffer): Buffer | null {
  const privateKey = crypto.createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
  const ephemeralDer = unb64(slot.sealedDataKey.ephemeralPublicKey);
  const ephemeral = crypto.createPublicKey({ key: ephemeralDer, format: 'der', type: 'spki' });
  const shared = crypto.diffieHellman({ privateKey, publicKey: ephemeral });
  const wrapKey = Buffer.from(
    crypto.hkdfSync('sha256', shared, Buffer.concat([ephemeralDer, unb64(slot.publicKey)]), 'consent-desk data key v1', 32),
  );
  return decrypt(wrapKey, slot.sealedDataKey, `data-key:${slot.id}`);
}

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
  const pair = crypto.generateKeyPairSync('x25519');
  const publicDer = pair.publicKey.export({ format: 'der', type: 'spki' });
  const privateDer = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
  return {
    id,
    staffId: owner.staffId,
    lookup: owner.lookup,
    unlock: slotUnlock,
    publicKey: b64(publicDer),
    encryptedPrivateKey: encrypt(kek, privateDer, `private-key:${id}`),
    sealedDataKey: sealKey(id, publicDer, dataKey),
  };
}

/** The data key held by this slot, or null when the secret is wrong. */
export async function openSlot(slot: KeySlot, secret: string | Buffer): Promise<Buffer | null> {
  const kek = await unlockKey(slot.unlock, secret);
  const privateDer = decrypt(kek, slot.encryptedPrivateKey, `private-key:${slot.id}`);
  return privateDer ? openSealedKey(slot, privateDer) : null;
}

/** The same slot holding a new data key; its owner's secret still opens it. */
export function resealSlot(slot: KeySlot, newDataKey: Buffer): KeySlot {
  return { ...slot, sealedDataKey: sealKey(slot.id, unb64(slot.publicKey), newDataKey) };
}
