import fs from 'node:fs';
import { startDerivationAhead, type DerivationAhead, type ScryptParams } from '../backend/crypto/kdf';
import { storePaths } from '../backend/data-dir';
import { slotLookup } from '../backend/store/slot-lookup';

/**
 * Start the sign-in's key derivation before the backend is loaded.
 *
 * scrypt (about half a second at the shipped cost) runs on libuv's thread
 * pool, so on the other core, while the backend's modules load and the
 * store opens on this one; the sign-in then takes the key already derived
 * (kdf.ts, deriveKeyFromPassword). This module reads only what the
 * derivation needs (the slot's salt and parameters, found by the same
 * salted hash of the username) and imports nothing of the backend.
 *
 * It decides nothing: it trusts nothing it reads, and any surprise (no key
 * file, a damaged one, no slot for that name, a recovery slot) just means no
 * head start. The backend then reads and checks the key file itself, as it
 * always has, and reports a missing, damaged or rolled-back store, or a
 * wrong password, exactly as before. Nothing is written and nothing logged.
 */
export function startKeyDerivation(dataDir: string, username: string, password: string): DerivationAhead | null {
  try {
    const keyring: unknown = JSON.parse(fs.readFileSync(storePaths(dataDir).keyring, 'utf8'));
    const unlock = passwordSlotUnlock(keyring, username);
    return unlock ? startDerivationAhead(password, Buffer.from(unlock.salt, 'base64'), unlock.kdf) : null;
  } catch {
    return null;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function passwordSlotUnlock(keyring: unknown, username: string): { salt: string; kdf: ScryptParams } | null {
  if (!isRecord(keyring) || typeof keyring.storeId !== 'string' || !Array.isArray(keyring.slots)) return null;
  const lookup = slotLookup(keyring.storeId, username);
  const slot: unknown = keyring.slots.find((s: unknown) => isRecord(s) && s.lookup === lookup);
  if (!isRecord(slot) || !isRecord(slot.unlock) || slot.unlock.kind !== 'password' || typeof slot.unlock.salt !== 'string') return null;
  const kdf = slot.unlock.kdf;
  if (!isRecord(kdf) || kdf.name !== 'scrypt' || ![kdf.N, kdf.r, kdf.p].every((n) => typeof n === 'number')) return null;
  return { salt: slot.unlock.salt, kdf: { name: 'scrypt', N: kdf.N as number, r: kdf.r as number, p: kdf.p as number } };
}
