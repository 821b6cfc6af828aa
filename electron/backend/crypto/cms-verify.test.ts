import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PracticeSigner } from '../pdf/practice-signer';
import { verifyDetachedCms } from './cms-verify';
import { generatePracticeCertificate } from './practice-certificate';

const dataOid = '1.2.840.113549.1.7.1';
const signedDataOid = '1.2.840.113549.1.7.2';

/** The same CMS, with `content` carried inside it (encapsulated) rather than detached. */
function attach(cms: Buffer, content: Buffer): Buffer {
  const info = new pkijs.ContentInfo({ schema: asn1js.fromBER(new Uint8Array(cms)).result });
  const signedData = new pkijs.SignedData({ schema: info.content });
  signedData.encapContentInfo = new pkijs.EncapsulatedContentInfo({
    eContentType: dataOid,
    eContent: new asn1js.OctetString({ valueHex: new Uint8Array(content) }),
  });
  const wrapped = new pkijs.ContentInfo({ contentType: signedDataOid, content: signedData.toSchema(true) });
  return Buffer.from(wrapped.toSchema().toBER(false));
}

describe('verifyDetachedCms', () => {
  const original = Buffer.from('{"files":[{"path":"a.pdf","sha256":"00"}]}\n');
  const tampered = Buffer.from('{"files":[{"path":"a.pdf","sha256":"ff"}]}\n');
  let cms: Buffer;

  beforeAll(async () => {
    cms = await new PracticeSigner(await generatePracticeCertificate('Test Practice', new Date())).sign(original);
  });

  it('accepts the signed bytes and refuses others', async () => {
    expect((await verifyDetachedCms(cms, original)).ok).toBe(true);
    expect((await verifyDetachedCms(cms, tampered)).ok).toBe(false);
  });

  it('refuses a signature that carries the originally signed bytes inside it, checked against different bytes', async () => {
    // Anyone can copy the signed bytes into the CMS: eContent is not itself signed.
    // A verifier that checks the embedded content instead of the bytes it was given
    // accepts any manifest with an old signature.
    const attached = attach(cms, original);
    const result = await verifyDetachedCms(attached, tampered);
    expect(result.ok).toBe(false);
  });
});
