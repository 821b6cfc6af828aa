import crypto from 'node:crypto';
import forge from 'node-forge';

/**
 * A .p12 file as a practice (or Consent Desk before migration 6) would have
 * one: an RSA key and its self-signed certificate, AES-256 encrypted with a
 * passphrase, made with node-forge. `notAfter` lets a test make an expired one.
 */
export function pkcs12Fixture(options: { commonName?: string; notAfter?: Date; passphrase?: string } = {}) {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${crypto.randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.UTC(2020, 0, 1));
  cert.validity.notAfter = options.notAfter ?? new Date(Date.UTC(2099, 0, 1));
  const attrs = [{ name: 'commonName', value: options.commonName ?? 'Riverside Physical Therapy' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(key, forge.md.sha256.create());
  const passphrase = options.passphrase ?? 'practice passphrase';
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: 'aes256' });
  const certificateDer = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return { p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), passphrase, certificateDer };
}
