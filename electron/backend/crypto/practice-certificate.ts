import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { PracticeCertificate } from '../../../shared/certificate';
import { AppError } from '../../../shared/errors';
import { describeCertificate } from './certificate-pem';
import { loadPkcs12Reader, readPkcs12 } from './pkcs12';

export { loadPkcs12Reader, readPkcs12 };

/**
 * The practice's signing certificate: the certificate (DER) and its RSA
 * private key (PKCS#8 DER), kept in the encrypted database. Both load with
 * Node's own crypto in about a millisecond, where opening a PKCS#12 with
 * node-forge's JavaScript key derivation took 100 to 465 ms each time. A
 * PKCS#12 is read once, when an administrator imports one
 * (readPkcs12), and never again.
 */
export interface CertificateBundle {
  certificateDer: Buffer;
  privateKeyPkcs8: Buffer;
  info: PracticeCertificate;
}

const engine = new pkijs.CryptoEngine({
  name: 'node',
  crypto: crypto.webcrypto as unknown as pkijs.CryptoEngineParameters['crypto'],
});

const oid = {
  commonName: '2.5.4.3',
  organizationName: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
};

const arrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** CN and O, each its own RDN (pkijs would put a list of them in one multi-valued RDN). */
function distinguishedName(practiceName: string): pkijs.RelativeDistinguishedNames {
  const rdn = (type: string, value: string) =>
    new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) }).toSchema()] });
  const name = new asn1js.Sequence({ value: [rdn(oid.commonName, `${practiceName} (Consent Desk)`), rdn(oid.organizationName, practiceName)] });
  return pkijs.RelativeDistinguishedNames.fromBER(name.toBER(false));
}

/**
 * A new self-signed certificate for the practice, valid ten years: RSA 2048
 * and SHA-256, generated and signed by Node's WebCrypto through pkijs.
 */
export async function generatePracticeCertificate(practiceName: string, now: Date): Promise<CertificateBundle> {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const signingKey = await crypto.webcrypto.subtle.importKey(
    'pkcs8',
    privateKey.export({ type: 'pkcs8', format: 'der' }),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );

  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ valueHex: arrayBuffer(Buffer.concat([Buffer.from([0x01]), crypto.randomBytes(15)])) });
  certificate.subject = distinguishedName(practiceName);
  certificate.issuer = distinguishedName(practiceName);
  const notAfter = new Date(now.getTime());
  notAfter.setUTCFullYear(now.getUTCFullYear() + 10);
  certificate.notBefore.value = new Date(now.getTime() - 60_000);
  certificate.notAfter.value = notAfter;
  certificate.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(arrayBuffer(spki));
  const keyIdentifier = crypto.createHash('sha1').update(Buffer.from(certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)).digest();
  certificate.extensions = [
    new pkijs.Extension({ extnID: oid.basicConstraints, critical: true, extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false) }),
    new pkijs.Extension({
      extnID: oid.keyUsage,
      critical: true,
      // digitalSignature (bit 0) and nonRepudiation (bit 1): 0b11000000, 6 unused bits.
      extnValue: new asn1js.BitString({ valueHex: new Uint8Array([0xc0]).buffer, unusedBits: 6 }).toBER(false),
    }),
    new pkijs.Extension({ extnID: oid.subjectKeyIdentifier, extnValue: new asn1js.OctetString({ valueHex: arrayBuffer(keyIdentifier) }).toBER(false) }),
  ];
  await certificate.sign(signingKey as unknown as Parameters<pkijs.Certificate['sign']>[0], 'SHA-256', engine);

  const certificateDer = Buffer.from(certificate.toSchema(true).toBER(false));
  return {
    certificateDer,
    privateKeyPkcs8: privateKey.export({ type: 'pkcs8', format: 'der' }),
    info: describeCertificate(certificateDer, 'generated'),
  };
}

/** An imported .p12 as the practice's certificate: readable, not expired, its key matching its certificate. */
export async function importPracticeCertificate(p12: Buffer, passphrase: string, now: Date): Promise<CertificateBundle> {
  await loadPkcs12Reader();
  const { certificateDer, privateKeyPkcs8 } = readPkcs12(p12, passphrase);
  const certificate = new crypto.X509Certificate(certificateDer);
  if (!certificate.checkPrivateKey(crypto.createPrivateKey({ key: privateKeyPkcs8, format: 'der', type: 'pkcs8' }))) {
    throw new AppError('validation', 'The .p12 file’s private key does not belong to its certificate.');
  }
  const notAfter = new Date(certificate.validTo);
  if (notAfter < now) throw new AppError('validation', `That certificate expired on ${notAfter.toISOString().slice(0, 10)}.`);
  return { certificateDer, privateKeyPkcs8, info: describeCertificate(certificateDer, 'imported') };
}
