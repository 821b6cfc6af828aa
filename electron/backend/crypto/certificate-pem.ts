import crypto from 'node:crypto';
import type { PracticeCertificate } from '../../../shared/certificate';
import type { CertificateBundle } from './practice-certificate';

/** The DER of a practice certificate: kept as it is, so reading it is a column read. */
export function certificateDerOf(bundle: Pick<CertificateBundle, 'certificateDer'>): Buffer {
  return bundle.certificateDer;
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

/** Subject, issuer, validity and fingerprint of a certificate, read from its DER: the one way certificates are described. */
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
