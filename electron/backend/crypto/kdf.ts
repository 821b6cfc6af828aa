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
  const ahead = headStart;
  if (ahead && ahead.password === password && ahead.salt.equals(salt) && sameParams(ahead.params, params)) {
    headStart = null;
    ahead.handle.taken = true;
    return ahead.handle.key;
  }
  return derive(password, salt, params);
}

async function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  if (params.name !== 'scrypt' || params.N < minimumN || params.r < 8 || params.p < 1) {
    throw new Error('Key slot uses key-derivation parameters below the allowed minimum.');
  }
  const maxmem = 128 * params.N * params.r * params.p + 32 * 1024 * 1024;
  return scryptAsync(password.normalize('NFKC'), salt, 32, { N: params.N, r: params.r, p: params.p, maxmem });
}

/**
 * A derivation started ahead of need (the command line starts it before it
 * loads the backend, so that scrypt runs on the thread pool, on the other
 * core, while the modules load; see electron/cli/key-head-start.ts). It is
 * taken once, by the deriveKeyFromPassword call with the same password,
 * salt and parameters, which would compute the very same key: so a wrong
 * password still fails where it always did, and nothing else is trusted.
 */
let headStart: { password: string; salt: Buffer; params: ScryptParams; handle: DerivationAhead } | null = null;

export interface DerivationAhead {
  key: Promise<Buffer>;
  /** Whether the derivation has finished (or failed). */
  settled: boolean;
  /** Whether a deriveKeyFromPassword call took it (so the key was derived once, not twice). */
  taken: boolean;
}

/** Start deriving the key for these inputs now; the next matching deriveKeyFromPassword takes the result. */
export function startDerivationAhead(password: string, salt: Buffer, params: ScryptParams): DerivationAhead {
  const key = derive(password, salt, params);
  const handle: DerivationAhead = { key, settled: false, taken: false };
  // A failure (parameters below the floor) is met again, and reported, by the derivation that takes it.
  const settle = () => void (handle.settled = true);
  key.then(settle, settle);
  headStart = { password, salt: Buffer.from(salt), params: { ...params }, handle };
  return handle;
}

/** Forget a derivation started ahead and not taken (the command ended, or signed in another way). */
export function discardDerivationAhead(): void {
  headStart = null;
}

const sameParams = (a: ScryptParams, b: ScryptParams) => a.name === b.name && a.N === b.N && a.r === b.r && a.p === b.p;
