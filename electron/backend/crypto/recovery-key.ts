import crypto from 'node:crypto';
import { base32crockford } from '@scure/base';
import { AppError } from '../../../shared/errors';

/**
 * The recovery key: 256 random bits shown once at setup, written in
 * Crockford base32 (no I, L, O or U to misread) in dash-separated groups.
 * It is high-entropy already, so it needs no slow key derivation: HKDF
 * turns it into the key that opens the recovery slot.
 */
export function newRecoveryKey(): { text: string; bytes: Buffer } {
  const bytes = crypto.randomBytes(32);
  const plain = base32crockford.encode(bytes);
  return { text: plain.match(/.{1,4}/g)!.join('-'), bytes };
}

export function parseRecoveryKey(text: string): Buffer {
  const compact = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  try {
    const bytes = Buffer.from(base32crockford.decode(compact));
    if (bytes.length === 32) return bytes;
  } catch {
    // fall through to the message below
  }
  throw new AppError('validation', 'That is not a recovery key: it has 52 letters and digits in groups of four.', {
    issues: [{ path: 'recoveryKey', message: 'Check the recovery key for typing mistakes.' }],
  });
}

export function keyFromRecoveryKey(bytes: Buffer, salt: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', bytes, salt, 'consent-desk recovery slot v1', 32));
}
