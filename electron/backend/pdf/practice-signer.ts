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

interface Unpacked {
  key: SigningKey;
  certificate: pkijs.Certificate;
  certificateDer: Buffer;
}

/**
 * The key imported into WebCrypto and the certificate parsed, once per
 * certificate: both come straight from the stored DER, which Node's crypto
 * loads in about a millisecond.
 */
const unpacked = new Map<string, Promise<Unpacked>>();

function unpack(bundle: CertificateBundle): Promise<Unpacked> {
  const cached = unpacked.get(bundle.info.fingerprintSha256);
  if (cached) return cached;
  const work = (async () => {
    const key = await crypto.webcrypto.subtle.importKey('pkcs8', bundle.privateKeyPkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    const der = bundle.certificateDer;
    const certificate = pkijs.Certificate.fromBER(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer);
    return { key: key as unknown as SigningKey, certificate, certificateDer: der };
  })();
  unpacked.set(bundle.info.fingerprintSha256, work);
  work.catch(() => unpacked.delete(bundle.info.fingerprintSha256));
  return work;
}

const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });

/**
 * The PAdES baseline (B-B) signature of a PDF: a detached CMS SignedData
 * over the PDF's byte range, with the content type, the signing time, the
 * message digest and the ESS signing-certificate-v2 attribute that binds
 * the signer's certificate. RSA and SHA-256 run in Node's native crypto.
 */
export class PracticeSigner extends Signer {
  constructor(private readonly bundle: CertificateBundle) {
    super();
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    return this.signDigest(crypto.createHash('sha256').update(pdfBuffer).digest(), signingTime);
  }

  /** The same signature from the content's SHA-256 alone: for content streamed past, never held whole (an audit bundle's manifest). */
  async signDigest(digest: Buffer, signingTime?: Date): Promise<Buffer> {
    const { key, certificate, certificateDer } = await unpack(this.bundle);
    const certHash = crypto.createHash('sha256').update(certificateDer).digest();
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 };
    // ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING } (SHA-256 is the default hash).
    const signingCertificateV2 = new asn1js.Sequence({
      value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash })] })] })],
    });
    const signedData = new pkijs.SignedData({
      version: 1,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: oid.data }),
      certificates: [certificate],
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              attribute(oid.contentType, new asn1js.ObjectIdentifier({ value: oid.data })),
              attribute(oid.signingTime, new asn1js.UTCTime({ valueDate: signingTime ?? new Date() })),
              attribute(oid.messageDigest, new asn1js.OctetString({ valueHex: digest })),
              attribute(oid.signingCertificateV2, signingCertificateV2),
            ],
          }),
        }),
      ],
    });
    await signedData.sign(key, 0, 'SHA-256', undefined, engine);
    const contentInfo = new pkijs.ContentInfo({ contentType: oid.signedData, content: signedData.toSchema(true) });
    return Buffer.from(contentInfo.toSchema().toBER(false));
  }
}
