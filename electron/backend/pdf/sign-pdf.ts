import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import type { PDFDocument } from 'pdf-lib';
import type { CertificateBundle } from '../crypto/practice-certificate';
import { PracticeSigner } from './practice-signer';

/**
 * Sign a finished pdf-lib document with the practice certificate: a PAdES
 * baseline signature (SubFilter ETSI.CAdES.detached, SHA-256) over the whole
 * file. Signing is the last step: the returned bytes are stored as they
 * are and never re-saved, which would break the signed byte range.
 */
export async function signPdf(
  doc: PDFDocument,
  certificate: CertificateBundle,
  meta: { reason: string; location: string; signerName: string; signingTime: Date },
): Promise<Buffer> {
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: meta.reason,
    contactInfo: '',
    name: meta.signerName,
    location: meta.location,
    signingTime: meta.signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Consent Desk',
  });
  const unsigned = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new SignPdf().sign(unsigned, new PracticeSigner(certificate), meta.signingTime);
}
