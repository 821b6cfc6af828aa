import crypto from 'node:crypto';
import forge from 'node-forge';
import type { PracticeCertificate } from '../../../shared/certificate';
import type { CertificateBundle } from './practice-certificate';

/** The DER of a practice certificate, taken from its PKCS#12 (the private key is not touched beyond opening the file). */
export function certificateDerOf(bundle: Pick<CertificateBundle, 'p12' | 'passphrase'>): Buffer {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bundle.p12.toString('binary')), false, bundle.passphrase);
  const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const key = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bags(forge.pki.oids.keyBag!)][0]?.key as forge.pki.rsa.PrivateKey | undefined;
  const cert = bags(forge.pki.oids.certBag!)
    .map((b) => b.cert)
    .find((c) => c && key && (c.publicKey as forge.pki.rsa.PublicKey).n.equals(key.n));
  if (!cert) throw new Error('The practice certificate has no certificate matching its key.');
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

export function fingerprintOf(der: Buffer): string {
  return crypto.createHash('sha256').update(der).digest('hex');
}

export function toPem(der: Buffer): string {
  const base64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;
}

/** The DER inside the first PEM certificate block, or null when there is none. */
export function fromPem(pem: string): Buffer | null {
  const m = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/.exec(pem);
  return m ? Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64') : null;
}

/** Subject, issuer, validity and fingerprint of a certificate, read from its DER. */
export function describeCertificate(der: Buffer, source: PracticeCertificate['source']): PracticeCertificate {
  const cert = new crypto.X509Certificate(der);
  const oneLine = (dn: string) => dn.split('\n').filter(Boolean).join(', ');
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    fingerprintSha256: fingerprintOf(der),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    source,
  };
}
