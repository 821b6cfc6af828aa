import type Forge from 'node-forge';
import { AppError } from '../../../shared/errors';

// Apart from practice-certificate.ts (pkijs, asn1js) because migration 7 needs it and migrations load with
// every store opened. node-forge itself (600 KiB of JavaScript, a chunk of every command's start-up when it
// was imported here) is loaded only by loadPkcs12Reader: by an import, and before migration 7 on an old store.

let forge: typeof Forge | undefined;

/** Load node-forge for `readPkcs12`; once per process. */
export async function loadPkcs12Reader(): Promise<void> {
  forge ??= (await import('node-forge')).default;
}

/** Whether `readPkcs12` can run (its caller awaited `loadPkcs12Reader`). */
export function pkcs12ReaderLoaded(): boolean {
  return forge !== undefined;
}

/**
 * Read a PKCS#12 (.p12) once: it must open with the passphrase and hold an
 * RSA private key with its certificate. The import and migration 7 (which
 * turns stored PKCS#12 files into this form) are its only callers; both have
 * awaited `loadPkcs12Reader` first.
 */
export function readPkcs12(p12: Buffer, passphrase: string): { certificateDer: Buffer; privateKeyPkcs8: Buffer } {
  if (!forge) throw new Error('readPkcs12 was called before loadPkcs12Reader.');
  const f = forge;
  let parsed: Forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = f.pkcs12.pkcs12FromAsn1(f.asn1.fromDer(p12.toString('binary')), false, passphrase);
  } catch {
    throw new AppError('validation', 'That file is not a .p12 certificate, or the passphrase is wrong.', {
      issues: [{ path: 'passphrase', message: 'Check the passphrase.' }],
    });
  }
  const bags = (type: string): Forge.pkcs12.Bag[] => parsed.getBags({ bagType: type })[type] ?? [];
  const key = [...bags(f.pki.oids.pkcs8ShroudedKeyBag!), ...bags(f.pki.oids.keyBag!)][0]?.key as Forge.pki.rsa.PrivateKey | undefined;
  const cert = bags(f.pki.oids.certBag!)
    .flatMap((b) => (b.cert ? [b.cert] : []))
    .find((c) => key && (c.publicKey as Forge.pki.rsa.PublicKey).n?.equals(key.n));
  if (!key || !cert) throw new AppError('validation', 'The .p12 file must hold an RSA private key and its certificate.');
  const der = (asn1: Forge.asn1.Asn1) => Buffer.from(f.asn1.toDer(asn1).getBytes(), 'binary');
  return {
    certificateDer: der(f.pki.certificateToAsn1(cert)),
    privateKeyPkcs8: der(f.pki.wrapRsaPrivateKey(f.pki.privateKeyToAsn1(key))),
  };
}
