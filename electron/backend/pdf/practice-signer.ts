import crypto from 'node:crypto';
import { Signer } from '@signpdf/utils';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CertificateBundle } from '../crypto/practice-certificate';

const oid = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
};

const engine = new pkijs.CryptoEngine({
  name: 'node',
  crypto: crypto.webcrypto as unknown as pkijs.CryptoEngineParameters['crypto'],
});

type SigningKey = Parameters<pkijs.SignedData['sign']>[0];

/**
 * Where a signature's changing parts sit in the DER of one made for the
 * certificate: everything else (the certificate, the issuer and serial, the
 * algorithms, the attributes' types and lengths) is the same in every one.
 */
interface Template {
  der: Buffer;
  timeAt: number;
  digestAt: number;
  /** The signed attributes as they are written ([0] IMPLICIT); the signature is over them as a SET. */
  attrsStart: number;
  attrsEnd: number;
  signatureAt: number;
  signatureLength: number;
}

interface Unpacked {
  key: SigningKey;
  certificate: pkijs.Certificate;
  certificateDer: Buffer;
  /** The same private key for Node's crypto, which signs without WebCrypto's promise and thread hop. */
  privateKey: crypto.KeyObject;
  certHash: Buffer;
  /** Null when the template check failed: every signature is then built by pkijs. */
  template: Template | null;
}

/**
 * The key imported and the certificate parsed once per certificate, and a
 * signature made with pkijs once to serve as the template of every later
 * one: both come straight from the stored DER, which Node's crypto loads in
 * about a millisecond.
 */
const unpacked = new Map<string, Promise<Unpacked>>();

function unpack(bundle: CertificateBundle): Promise<Unpacked> {
  const cached = unpacked.get(bundle.info.fingerprintSha256);
  if (cached) return cached;
  const work = (async () => {
    const key = await crypto.webcrypto.subtle.importKey('pkcs8', bundle.privateKeyPkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    const der = bundle.certificateDer;
    const certificate = pkijs.Certificate.fromBER(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer);
    const privateKey = crypto.createPrivateKey({ key: Buffer.from(bundle.privateKeyPkcs8), format: 'der', type: 'pkcs8' });
    const certHash = crypto.createHash('sha256').update(der).digest();
    const parts = { key: key as unknown as SigningKey, certificate, certificateDer: Buffer.from(der), privateKey, certHash, template: null };
    return { ...parts, template: await makeTemplate(parts) };
  })();
  unpacked.set(bundle.info.fingerprintSha256, work);
  work.catch(() => unpacked.delete(bundle.info.fingerprintSha256));
  return work;
}

const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });

/**
 * The PAdES baseline (B-B) signature built by pkijs: a detached CMS
 * SignedData with the content type, the signing time, the message digest
 * and the ESS signing-certificate-v2 attribute that binds the signer's
 * certificate. The definition every faster signature is checked against.
 */
async function pkijsSignature(parts: Omit<Unpacked, 'template'>, digest: Buffer, signingTime: Date): Promise<{ der: Buffer; signedAttrs: Buffer; signature: Buffer }> {
  const { key, certificate, certHash } = parts;
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 };
  // ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING } (SHA-256 is the default hash).
  const signingCertificateV2 = new asn1js.Sequence({
    value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash })] })] })],
  });
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({
      type: 0,
      attributes: [
        attribute(oid.contentType, new asn1js.ObjectIdentifier({ value: oid.data })),
        attribute(oid.signingTime, new asn1js.UTCTime({ valueDate: signingTime })),
        attribute(oid.messageDigest, new asn1js.OctetString({ valueHex: digest })),
        attribute(oid.signingCertificateV2, signingCertificateV2),
      ],
    }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: oid.data }),
    certificates: [certificate],
    signerInfos: [signerInfo],
  });
  await signedData.sign(key, 0, 'SHA-256', undefined, engine);
  const contentInfo = new pkijs.ContentInfo({ contentType: oid.signedData, content: signedData.toSchema(true) });
  return {
    der: Buffer.from(contentInfo.toSchema().toBER(false)),
    signedAttrs: Buffer.from(signerInfo.signedAttrs!.toSchema().toBER(false)),
    signature: Buffer.from(signerInfo.signature.valueBlock.valueHexView),
  };
}

/** The one place `needle` occurs in `haystack`, or -1 when it is absent or occurs more than once. */
function onlyPlace(haystack: Buffer, needle: Buffer): number {
  const at = haystack.indexOf(needle);
  return at >= 0 && haystack.indexOf(needle, at + 1) < 0 ? at : -1;
}

/** UTCTime's text ("YYMMDDHHMMSSZ"), as asn1js writes it; null outside the years UTCTime can say, which pkijs refuses. */
function utcTimeText(date: Date): string | null {
  const year = date.getUTCFullYear();
  if (!(year >= 1950 && year <= 2049)) return null;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(year % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
}

function fromTemplate(t: Template, privateKey: crypto.KeyObject, digest: Buffer, time: string): Buffer | null {
  if (digest.length !== 32) return null;
  const der = Buffer.from(t.der);
  der.write(time, t.timeAt, 'latin1');
  digest.copy(der, t.digestAt);
  // The signature covers the DER of the attributes as a SET (tag 0x31), not as they are tagged in SignerInfo.
  const signedAttrs = Buffer.from(der.subarray(t.attrsStart, t.attrsEnd));
  signedAttrs[0] = 0x31;
  const signature = crypto.sign('sha256', signedAttrs, privateKey);
  if (signature.length !== t.signatureLength) return null;
  signature.copy(der, t.signatureAt);
  return der;
}

/**
 * The template: one pkijs signature over a marker digest at a marker time,
 * with the places of the time, the digest, the signed attributes and the
 * signature found in it. Kept only if a signature made from it at another
 * time over another digest is byte for byte the one pkijs makes.
 */
async function makeTemplate(parts: Omit<Unpacked, 'template'>): Promise<Template | null> {
  const markerDigest = crypto.createHash('sha256').update('Consent Desk signature template').digest();
  const markerTime = new Date('2001-02-03T04:05:06Z');
  const made = await pkijsSignature(parts, markerDigest, markerTime);
  const der = made.der;
  const timeTag = Buffer.from([0x17, 13]);
  const timeAt = onlyPlace(der, Buffer.concat([timeTag, Buffer.from(utcTimeText(markerTime)!, 'latin1')])) + timeTag.length;
  const digestAt = onlyPlace(der, markerDigest);
  const attrsStart = onlyPlace(der, made.signedAttrs);
  const signatureAt = onlyPlace(der, made.signature);
  if (timeAt < timeTag.length || digestAt < 0 || attrsStart < 0 || signatureAt < 0) return null;
  const template: Template = { der, timeAt, digestAt, attrsStart, attrsEnd: attrsStart + made.signedAttrs.length, signatureAt, signatureLength: made.signature.length };
  const checkDigest = crypto.createHash('sha256').update('Consent Desk signature template check').digest();
  const checkTime = new Date('2038-12-31T23:59:58Z');
  const expected = await pkijsSignature(parts, checkDigest, checkTime);
  const got = fromTemplate(template, parts.privateKey, checkDigest, utcTimeText(checkTime)!);
  return got && got.equals(expected.der) ? template : null;
}

/**
 * The PAdES baseline (B-B) signature of a PDF: a detached CMS SignedData
 * over the PDF's byte range, with the content type, the signing time, the
 * message digest and the ESS signing-certificate-v2 attribute that binds
 * the signer's certificate. RSA and SHA-256 run in Node's native crypto;
 * the DER is the certificate's template with the time, digest and
 * signature written in (byte for byte what pkijs builds, checked when the
 * template is made), so the CMS is not rebuilt object by object each time.
 */
export class PracticeSigner extends Signer {
  constructor(private readonly bundle: CertificateBundle) {
    super();
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    return this.signDigest(crypto.createHash('sha256').update(pdfBuffer).digest(), signingTime);
  }

  /** The same signature from the content's SHA-256 alone: for content streamed past, never held whole (a PDF's byte range, an audit bundle's manifest). */
  async signDigest(digest: Buffer, signingTime?: Date): Promise<Buffer> {
    const parts = await unpack(this.bundle);
    const at = signingTime ?? new Date();
    const time = utcTimeText(at);
    const quick = parts.template && time ? fromTemplate(parts.template, parts.privateKey, digest, time) : null;
    return quick ?? (await pkijsSignature(parts, digest, at)).der;
  }
}

/** pkijs's own signature, for tests that hold the template to it. */
export async function referenceSignature(bundle: CertificateBundle, digest: Buffer, signingTime: Date): Promise<Buffer> {
  return (await pkijsSignature(await unpack(bundle), digest, signingTime)).der;
}
