import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/**
 * scrypt with N = 2^17, r = 8, p = 1: OWASP's Password Storage Cheat Sheet
 * minimum for scrypt (128 MiB of memory per guess). It runs off the main
 * thread (libuv pool), so the UI stays responsive while it works. The
 * parameters are stored in every key slot, so they can be raised later
 * without breaking existing slots.
 */
export interface ScryptParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
}

export const owaspScrypt: ScryptParams = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 };

/** The floor any stored slot must meet, so a tampered key file cannot weaken derivation. */
const minimumN = 2 ** 14;

export async function deriveKeyFromPassword(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  if (params.name !== 'scrypt' || params.N < minimumN || params.r < 8 || params.p < 1) {
    throw new Error('Key slot uses key-derivation parameters below the allowed minimum.');
  }
  const maxmem = 128 * params.N * params.r * params.p + 32 * 1024 * 1024;
  return scryptAsync(password.normalize('NFKC'), salt, 32, { N: params.N, r: params.r, p: params.p, maxmem });
}
