import crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generatePracticeCertificate } from '../crypto/practice-certificate';
import { PracticeSigner } from './practice-signer';

afterEach(() => vi.restoreAllMocks());

describe('PracticeSigner', () => {
  it('imports the practice key once per certificate in the process, and the replacing certificate’s key when it changes', async () => {
    const now = new Date('2026-12-01T15:00:00.000Z');
    const first = await generatePracticeCertificate('Riverside Physical Therapy', now);
    const replacement = await generatePracticeCertificate('Riverside Physical Therapy', now);
    const importKey = vi.spyOn(crypto.webcrypto.subtle, 'importKey');

    // Each signing reads the certificate from the store again (a fresh object): the key is still imported once.
    const copyOf = (bundle: typeof first) => ({ ...bundle, certificateDer: Buffer.from(bundle.certificateDer), privateKeyPkcs8: Buffer.from(bundle.privateKeyPkcs8) });
    const signedByFirst = [];
    for (let i = 0; i < 3; i += 1) signedByFirst.push(await new PracticeSigner(copyOf(first)).sign(Buffer.from(`document ${i}`), now));
    expect(importKey).toHaveBeenCalledTimes(1);

    // A replaced certificate (another fingerprint) signs with its own key and certificate from the next document on.
    const signedByReplacement = await new PracticeSigner(copyOf(replacement)).sign(Buffer.from('document 3'), now);
    expect(importKey).toHaveBeenCalledTimes(2);
    for (const signature of signedByFirst) {
      expect(signature.includes(first.certificateDer)).toBe(true);
      expect(signature.includes(replacement.certificateDer)).toBe(false);
    }
    expect(signedByReplacement.includes(replacement.certificateDer)).toBe(true);
    expect(signedByReplacement.includes(first.certificateDer)).toBe(false);
  });
});
