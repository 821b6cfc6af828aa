import forge from 'node-forge';
import { AppError } from '../../../shared/errors';

// Apart from practice-certificate.ts (pkijs, asn1js) because migration 7 needs it and migrations load with
// every store opened: node-forge alone is what that costs.

/**
 * Read a PKCS#12 (.p12) once: it must open with the passphrase and hold an
 * RSA private key with its certificate. The import and migration 6 (which
 * turned stored PKCS#12 files into this form) are its only callers.
 */
export function readPkcs12(p12: Buffer, passphrase: string): { certificateDer: Buffer; privateKeyPkcs8: Buffer } {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), false, passphrase);
  } catch {
    throw new AppError('validation', 'That file is not a .p12 certificate, or the passphrase is wrong.', {
      issues: [{ path: 'passphrase', message: 'Check the passphrase.' }],
    });
  }
  const bags = (type: string): forge.pkcs12.Bag[] => parsed.getBags({ bagType: type })[type] ?? [];
  const key = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bags(forge.pki.oids.keyBag!)][0]?.key as forge.pki.rsa.PrivateKey | undefined;
  const cert = bags(forge.pki.oids.certBag!)
    .flatMap((b) => (b.cert ? [b.cert] : []))
    .find((c) => key && (c.publicKey as forge.pki.rsa.PublicKey).n?.equals(key.n));
  if (!key || !cert) throw new AppError('validation', 'The .p12 file must hold an RSA private key and its certificate.');
  const der = (asn1: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  return {
    certificateDer: der(forge.pki.certificateToAsn1(cert)),
    privateKeyPkcs8: der(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))),
  };
}
