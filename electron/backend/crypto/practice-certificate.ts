import crypto from 'node:crypto';
import forge from 'node-forge';
import type { PracticeCertificate } from '../../../shared/certificate';
import { AppError } from '../../../shared/errors';

/**
 * The practice's signing certificate, kept as a PKCS#12 file (certificate
 * and private key) inside the encrypted database. Setup creates a
 * self-signed one; an administrator may import the practice's own.
 */
export interface CertificateBundle {
  p12: Buffer;
  passphrase: string;
  info: PracticeCertificate;
}

function describe(cert: forge.pki.Certificate, source: PracticeCertificate['source']): PracticeCertificate {
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const name = (attrs: forge.pki.CertificateField[]) => attrs.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(', ');
  return {
    subject: name(cert.subject.attributes),
    issuer: name(cert.issuer.attributes),
    fingerprintSha256: crypto.createHash('sha256').update(der).digest('hex'),
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
    source,
  };
}

/** A new self-signed certificate for the practice, valid ten years (RSA 2048 made by Node's native crypto). */
export function generatePracticeCertificate(practiceName: string, now: Date): CertificateBundle {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${crypto.randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime());
  cert.validity.notAfter.setFullYear(now.getFullYear() + 10);
  const attrs = [
    { name: 'commonName', value: `${practiceName} (Consent Desk)` },
    { name: 'organizationName', value: practiceName },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const passphrase = crypto.randomBytes(24).toString('base64url');
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: 'aes256', friendlyName: practiceName });
  return { p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), passphrase, info: describe(cert, 'generated') };
}

/** Read an imported .p12: it must open with the passphrase and hold one key with its certificate. */
export function readPracticeCertificate(p12: Buffer, passphrase: string, now: Date): CertificateBundle {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), false, passphrase);
  } catch {
    throw new AppError('validation', 'That file is not a .p12 certificate, or the passphrase is wrong.', {
      issues: [{ path: 'passphrase', message: 'Check the passphrase.' }],
    });
  }
  const bags = (type: string): forge.pkcs12.Bag[] => parsed.getBags({ bagType: type })[type] ?? [];
  const keys = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bags(forge.pki.oids.keyBag!)];
  const key = keys[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  const certs = bags(forge.pki.oids.certBag!).flatMap((b) => (b.cert ? [b.cert] : []));
  const cert = certs.find((c) => key && (c.publicKey as forge.pki.rsa.PublicKey).n.equals(key.n));
  if (!key || !cert) {
    throw new AppError('validation', 'The .p12 file must hold an RSA private key and its certificate.');
  }
  if (cert.validity.notAfter < now) {
    throw new AppError('validation', `That certificate expired on ${cert.validity.notAfter.toISOString().slice(0, 10)}.`);
  }
  return { p12, passphrase, info: describe(cert, 'imported') };
}
