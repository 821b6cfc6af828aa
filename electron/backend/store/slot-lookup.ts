import crypto from 'node:crypto';

/**
 * How a key slot is found without storing the username: SHA-256 of the
 * store id and the lower-cased username. Its own module (Node's crypto
 * only) so that the command line can find a slot before it loads the
 * backend (electron/cli/key-head-start.ts).
 */
export function slotLookup(storeId: string, username: string): string {
  return crypto.createHash('sha256').update(`${storeId}\u0000${username.toLowerCase()}`).digest('hex');
}
