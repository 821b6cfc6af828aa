import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const signedDataOid = '1.2.840.113549.1.7.2';
const signingTimeOid = '1.2.840.113549.1.9.5';

const engine = new pkijs.CryptoEngine({
  name: 'node',
  crypto: crypto.webcrypto as unknown as pkijs.CryptoEngineParameters['crypto'],
});

export type CmsVerification =
  | { ok: true; signerCertificateDer: Buffer; signingTime: Date | null }
  | { ok: false; reason: string };

const arrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/**
 * Check a detached CMS SignedData (what PracticeSigner makes: a PAdES
 * signature's /Contents, or manifest.json.p7s) over `data`: the message
 * digest in the signed attributes must be the data's, and the signature
 * over those attributes must verify with the signer certificate carried in
 * the CMS. Trust in that certificate (whose it is) is the caller's to judge;
 * the chain is not checked, since the practice's certificate is usually
 * self-signed. Never throws.
 */
export async function verifyDetachedCms(cms: Buffer, data: Buffer): Promise<CmsVerification> {
  let signedData: pkijs.SignedData;
  try {
    signedData = fastSignedData(cms) ?? fullSignedData(cms);
  } catch (error) {
    return { ok: false, reason: error instanceof CmsFormatError ? error.message : 'the signature cannot be read' };
  }
  if (signedData.signerInfos.length !== 1) return { ok: false, reason: `expected one signer, found ${signedData.signerInfos.length}` };
  // pkijs verifies an attached signature against the content inside it and
  // ignores `data`; anyone can copy the once-signed bytes in there, so a
  // signature over other bytes would pass. Ours are always detached.
  if (signedData.encapContentInfo.eContent) return { ok: false, reason: 'the signature carries content of its own instead of being detached' };
  try {
    const result = await signedData.verify({ signer: 0, data: arrayBuffer(data), checkChain: false, extendedMode: true }, engine);
    if (!result.signatureVerified || !result.signerCertificate) {
      return { ok: false, reason: result.message || 'the signature does not match the signed bytes' };
    }
    const der = certificateDers.get(result.signerCertificate) ?? Buffer.from(result.signerCertificate.toSchema().toBER(false));
    const attrs = signedData.signerInfos[0]!.signedAttrs?.attributes ?? [];
    const time = attrs.find((a) => a.type === signingTimeOid)?.values[0] as asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
    return { ok: true, signerCertificateDer: der, signingTime: time?.toDate() ?? null };
  } catch (error) {
    const message = error instanceof Error && error.message ? error.message : 'the signature does not match the signed bytes';
    return { ok: false, reason: /digest/i.test(message) ? 'the signed bytes were changed (message digest does not match)' : message };
  }
}

class CmsFormatError extends Error {}

/** The whole CMS through pkijs's schemas: the reference path. */
function fullSignedData(cms: Buffer): pkijs.SignedData {
  const asn1 = asn1js.fromBER(arrayBuffer(cms));
  if (asn1.offset === -1) throw new CmsFormatError('the signature is not valid DER');
  const info = new pkijs.ContentInfo({ schema: asn1.result });
  if (info.contentType !== signedDataOid) throw new CmsFormatError('the signature is not a CMS SignedData');
  return new pkijs.SignedData({ schema: info.content });
}

/** One DER element: where its value starts and ends, and where the next one starts. */
interface Tlv {
  tag: number;
  start: number;
  valueStart: number;
  end: number;
}

function readTlv(der: Buffer, at: number, limit: number): Tlv | null {
  if (at + 2 > limit) return null;
  const tag = der[at]!;
  if ((tag & 0x1f) === 0x1f) return null; // multi-byte tags never occur in CMS's outer structure
  let length = der[at + 1]!;
  let valueStart = at + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4 || valueStart + n > limit) return null; // indefinite lengths: leave to the full parser
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + der[valueStart + i]!;
    valueStart += n;
  }
  const end = valueStart + length;
  return end <= limit ? { tag, start: at, valueStart, end } : null;
}

function children(der: Buffer, parent: Tlv): Tlv[] | null {
  const list: Tlv[] = [];
  for (let at = parent.valueStart; at < parent.end; ) {
    const child = readTlv(der, at, parent.end);
    if (!child) return null;
    list.push(child);
    at = child.end;
  }
  return list;
}

/** Certificates already parsed, by their DER: a bundle's PDFs are all signed by one or two. */
const parsedCertificates = new Map<string, pkijs.Certificate>();
/** The DER each parsed certificate came from (re-encoding it costs as much as parsing). */
const certificateDers = new WeakMap<pkijs.Certificate, Buffer>();
const signedDataOidDer = Buffer.from('06092a864886f70d010702', 'hex');

/**
 * The same SignedData, with each part parsed by pkijs on its own and the
 * signer's certificate parsed once per certificate rather than once per
 * signature (parsing it is most of the cost of checking thousands of PDFs
 * signed by the same practice). Returns null for anything but the plain
 * DER layout PracticeSigner writes; the full parser handles the rest.
 */
function fastSignedData(cms: Buffer): pkijs.SignedData | null {
  const top = readTlv(cms, 0, cms.length);
  const info = top?.tag === 0x30 ? children(cms, top) : null;
  if (!info || info.length !== 2 || info[1]!.tag !== 0xa0) return null;
  if (!cms.subarray(info[0]!.start, info[0]!.end).equals(signedDataOidDer)) throw new CmsFormatError('the signature is not a CMS SignedData');
  const wrapped = children(cms, info[1]!);
  const sd = wrapped?.length === 1 && wrapped[0]!.tag === 0x30 ? children(cms, wrapped[0]!) : null;
  if (!sd || sd.length < 4) return null;
  const [version, digestAlgorithms, encap] = sd as [Tlv, Tlv, Tlv];
  const certificatesSet = sd.find((t) => t.tag === 0xa0);
  const signerInfosSet = sd.at(-1)!;
  if (version.tag !== 0x02 || digestAlgorithms.tag !== 0x31 || encap.tag !== 0x30 || signerInfosSet.tag !== 0x31 || sd.some((t) => t.tag === 0xa1)) return null;
  const slice = (t: Tlv) => arrayBuffer(cms.subarray(t.start, t.end));
  const certificates = (certificatesSet ? children(cms, certificatesSet) : []) ?? null;
  const signers = children(cms, signerInfosSet);
  const algorithms = children(cms, digestAlgorithms);
  if (!certificates || !signers || !algorithms || certificates.some((c) => c.tag !== 0x30)) return null;
  return new pkijs.SignedData({
    version: Number(cms[version.valueStart]),
    digestAlgorithms: algorithms.map((a) => pkijs.AlgorithmIdentifier.fromBER(slice(a))),
    encapContentInfo: pkijs.EncapsulatedContentInfo.fromBER(slice(encap)),
    certificates: certificates.map((c) => {
      const key = cms.subarray(c.start, c.end).toString('base64');
      let certificate = parsedCertificates.get(key);
      if (!certificate) {
        certificate = pkijs.Certificate.fromBER(slice(c));
        certificateDers.set(certificate, Buffer.from(cms.subarray(c.start, c.end)));
        if (parsedCertificates.size > 64) parsedCertificates.clear();
        parsedCertificates.set(key, certificate);
      }
      return certificate;
    }),
    signerInfos: signers.map((s) => pkijs.SignerInfo.fromBER(slice(s))),
  });
}
