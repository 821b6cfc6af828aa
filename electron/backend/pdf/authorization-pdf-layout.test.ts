import crypto from 'node:crypto';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import decodeQR from 'qr/decode.js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit';
import { checkAuthorizationText } from '../../../shared/authorization/authorization-checker';
import { documentText, renderAuthorization, type AuthorizationDocument } from '../../../shared/authorization/document';
import { channels, contentKinds, languages, purposes, type AuthorizationTerms, type Language } from '../../../shared/authorization/scope';
import { builtInTemplates } from '../../../shared/authorization/template';
import { patientLanguages } from '../../../shared/patient-language';
import { drawnSignature } from '../consents/sample-signature';
import { cleanScan } from '../consents/paper-scan';
import { generatePracticeCertificate, type CertificateBundle } from '../crypto/practice-certificate';
import { photoWithGps } from '../testing/fixture-photo';
import { pdfFlatText, pdfFonts, pdfSignatureReport, pdfWordBoxes, qpdfCheck, renderPdfPages, type WordBox } from '../testing/pdf-tools';
import { renderAuthorizationPdf, renderPaperFormPdf, renderPaperPackagePdf, renderRevocationPdf } from '../rendering/time-limited-pdf';
import { paperFormCode, paperFormPdf } from './authorization-pdf';

/**
 * The longest realistic authorization, in each language: every kind of
 * content, every channel and long ones of the coordinator's own, every
 * purpose, a representative with a described authority, a long payer, and
 * names outside Latin-1. Every PDF made from it must be clean at a glance
 * (no two words overlap, hashes whole, the signature with its heading),
 * embed its fonts, pass qpdf and the authorization checker. Page images are
 * kept under test-results/pdf-layout for a person to look at.
 */
const artifacts = path.resolve('test-results', 'pdf-layout');
const practiceName = 'Riverside Physical Therapy & Sports Rehabilitation Center of Springfield';
const patientName = 'Nguyễn Thị Minh-Châu Łukasiewicz';
const representativeName = 'Trần Văn Đức Przybyszewski-Hernández';
const hex = () => crypto.randomBytes(32).toString('hex');

function longestTerms(language: Language): AuthorizationTerms {
  const free = patientLanguages[language].freeText.examples;
  return {
    language,
    scope: {
      contentKinds: [...contentKinds],
      channels: [...channels],
      otherChannels: [
        free.otherChannel,
        `${free.otherChannel} — ${'Springfield Community Health Fair booth banners and handouts at the county fairgrounds'.slice(0, 80)}`,
        'W'.repeat(10) + ' ' + 'Springfield Regional Medical Association Annual Conference Poster Session'.padEnd(100, '.'),
      ],
      purposes: [...purposes],
      otherPurposes: [`${free.otherPurpose}, ${'and the yearly report to the practice’s partners and the hospital foundation’s donors'}`],
    },
    expiration: { kind: 'date', date: '2028-02-29' },
    remuneration: {
      thirdPartyPays: true,
      payer: 'Acme Orthotics & Prosthetics International Holdings, LLC, on behalf of its subsidiary Acme Rehabilitation Devices of North America, Inc.',
    },
    representative: { name: representativeName, authority: 'other', authorityDetail: `${free.authorityDetail}, ${'Circuit Court of Sangamon County, Illinois, Seventh Judicial Circuit'}` },
    combinedWith: [],
  };
}

function documentFor(language: Language, signing: 'electronic' | 'paper'): AuthorizationDocument {
  return renderAuthorization({ language, version: 3, text: builtInTemplates[language] }, longestTerms(language), {
    practiceName,
    patientName,
    practiceAddress: '1200 North Riverside Boulevard, Suite 410\nSpringfield, IL 62702-1234',
    practiceEmail: 'privacy-office@riverside-physical-therapy.example',
  }, signing);
}

const events = (id: string): AuditEvent[] =>
  ['consent.drafted', 'consent.draft_updated', 'consent.patient_mode_started', 'consent.viewed', 'consent.signed'].map((action, i) => ({
    seq: 100 + i,
    at: `2026-11-29T15:0${i}:00.000Z`,
    actorId: 's1',
    actorName: 'frontdesk',
    action,
    subjectType: 'authorization',
    subjectId: id,
    detail: '',
    prevHash: hex(),
    hash: hex(),
  }));

let certificate: CertificateBundle;
beforeAll(async () => {
  certificate = await generatePracticeCertificate(practiceName, new Date('2026-01-02T12:00:00Z'));
});

interface Variant {
  name: string;
  pdf: Buffer;
  language: Language;
  hashes: string[];
  /** An authorization (checked element by element) rather than an acknowledgment. */
  authorization: boolean;
}

/** Drawn as the app draws them, in the PDF worker: the longest inputs must cross to it (structured clone) unchanged. */
async function variants(language: Language): Promise<Variant[]> {
  const id = crypto.randomUUID();
  const signature = drawnSignature();
  const textSha256 = hex();
  const contentSha256 = hex();
  const electronic = await renderAuthorizationPdf({
    authorizationId: id,
    practiceName,
    patientName,
    document: documentFor(language, 'electronic'),
    signature: {
      png: signature.png,
      signatureKind: 'drawn',
      signerName: representativeName,
      signedAt: '2026-11-29T15:04:00.000Z',
      signedOn: '2026-11-29',
      representative: longestTerms(language).representative,
      workstation: 'FRONT-DESK-WORKSTATION-2.riverside-physical-therapy.local',
      textSha256,
      strokeCount: 1,
      pointCount: signature.strokes.flat().length,
      agreedToSignElectronically: true,
    },
    witness: { name: 'Marisol Ortega-Villanueva', username: 'frontdesk', at: '2026-11-29T15:05:00.000Z' },
    contentSha256,
    auditEvents: events(id),
    certificate,
  });
  const form = await renderPaperFormPdf({
    authorizationId: id,
    practiceName,
    patientName,
    document: documentFor(language, 'paper'),
    representative: longestTerms(language).representative,
    printedAt: '2026-11-29T15:00:00.000Z',
  });
  const photo = await cleanScan((await photoWithGps()).toString('base64'), 'image/jpeg');
  const scanSha256 = hex();
  const paper = await renderPaperPackagePdf({
    authorizationId: id,
    practiceName,
    patientName,
    document: documentFor(language, 'paper'),
    signerName: representativeName,
    signedOn: '2026-11-30',
    representative: longestTerms(language).representative,
    workstation: 'FRONT-DESK-2',
    textSha256,
    scan: { kind: 'jpeg', bytes: photo.bytes },
    scanSha256,
    scanPages: 1,
    attestedBy: { name: 'Marisol Ortega-Villanueva', username: 'frontdesk', at: '2026-12-01T09:00:00.000Z' },
    contentSha256,
    auditEvents: events(id).slice(0, 2),
    certificate,
  });
  const pdfSha256 = hex();
  const revocation = await renderRevocationPdf({
    authorizationId: id,
    language,
    practiceName,
    patientName,
    signedOn: '2026-11-29',
    receivedOn: '2027-03-02',
    posts: [
      { channel: 'facebook', url: 'https://www.facebook.com/riversidephysicaltherapyandsportsrehabilitation/posts/pfbid02xYzAbCdEfGhIjKlMnOpQrStUvWxYz1234567890', publishedOn: '2026-12-14', takenDown: true, publishedAfterReceipt: false },
      { channel: 'website', url: null, publishedOn: '2027-03-02', takenDown: false, publishedAfterReceipt: true },
      { channel: patientLanguages[language].freeText.examples.otherChannel, url: 'https://example.org/newsletter/2027/03', publishedOn: '2027-03-05', takenDown: false, publishedAfterReceipt: true },
    ],
    method: 'email',
    enteredBy: 'Marisol Ortega-Villanueva',
    recordedAt: '2027-03-02T16:00:00.000Z',
    scanAttached: true,
    authorizationPdfSha256: pdfSha256,
    certificate,
  });
  const fingerprint = certificate.info.fingerprintSha256;
  return [
    { name: `${language}-electronic`, pdf: electronic, language, hashes: [textSha256, contentSha256, fingerprint], authorization: true },
    { name: `${language}-paper-form`, pdf: form, language, hashes: [], authorization: true },
    { name: `${language}-paper-package`, pdf: paper, language, hashes: [textSha256, contentSha256, scanSha256, fingerprint], authorization: true },
    { name: `${language}-revocation`, pdf: revocation, language, hashes: [pdfSha256, ], authorization: false },
  ];
}

const overlap = (a: WordBox, b: WordBox) =>
  a.page === b.page && Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin) > 0.5 && Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin) > 0.5;

/** English sentences and phrases a Spanish patient document must never hold: every English catalogue string, cut at its slots. */
function englishPhrases(): string[] {
  const strings = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : value && typeof value === 'object' && !('code' in value && 'formatLong' in value) ? Object.values(value).flatMap(strings) : [];
  const { dates: _dates, englishName: _e, nativeName: _n, locale: _l, concepts: _c, freeText: _f, ...patientFacing } = patientLanguages.en;
  const spanish = new Set(strings(patientLanguages.es));
  return [...new Set(strings(patientFacing).flatMap((s) => s.split(/\{\{?\w+\}\}?/)))]
    .map((s) => s.replace(/\s+/g, ' ').replace(/^[\s.,:;·()–—-]+|[\s.,:;·()–—-]+$/g, ''))
    .filter((s) => s.split(' ').length >= 2 && !spanish.has(s));
}

describe.each(languages)('the longest authorization in %s', (language) => {
  let made: Variant[];
  beforeAll(async () => {
    made = await variants(language);
    for (const v of made) renderPdfPages(v.pdf, artifacts, v.name);
  }, 120_000);

  it('embeds every font it uses, as a subset, in every PDF', () => {
    for (const v of made) {
      const fonts = pdfFonts(v.pdf);
      expect(fonts.length, v.name).toBeGreaterThan(0);
      for (const font of fonts) expect({ pdf: v.name, font: font.name, embedded: font.embedded, subset: font.subset }).toEqual({ pdf: v.name, font: font.name, embedded: true, subset: true });
    }
  });

  it('prints no two words on top of each other, and nothing outside the page', () => {
    for (const v of made) {
      const { pages, words } = pdfWordBoxes(v.pdf);
      const clashes: string[] = [];
      for (let i = 0; i < words.length; i++) {
        for (let j = i + 1; j < words.length && words[j]!.page === words[i]!.page; j++) {
          if (overlap(words[i]!, words[j]!)) clashes.push(`p${words[i]!.page}: "${words[i]!.text}" / "${words[j]!.text}"`);
        }
      }
      expect(clashes, v.name).toEqual([]);
      for (const w of words) {
        const page = pages[w.page - 1]!;
        expect(w.xMin >= 36 && w.xMax <= page.width - 36 && w.yMin >= 36 && w.yMax <= page.height - 36, `${v.name}: "${w.text}" at the page's edge`).toBe(true);
      }
    }
  });

  it('sets every hash whole, on one line', () => {
    for (const v of made) {
      const words = pdfWordBoxes(v.pdf).words.map((w) => w.text);
      for (const hash of v.hashes) expect(words, `${v.name}: ${hash}`).toContain(hash);
      expect(words.filter((w) => /^[0-9a-f]{8,63}$/.test(w)), `${v.name}: pieces of a hash`).toEqual([]);
    }
  });

  it('prints the Signature heading once, on the page of the signature block', () => {
    const heading = builtInTemplates[language].signature.heading;
    const blockLabel = { en: 'Date', es: 'Fecha' }[language];
    for (const v of made.filter((m) => m.authorization && !m.name.endsWith('package'))) {
      const { words } = pdfWordBoxes(v.pdf);
      // A heading: the word alone on its line, in the heading size (taller than the 10.5 and 9.5 point text).
      const headings = words.filter(
        (w, i) => w.text === heading && w.yMax - w.yMin > 12.5 && Math.abs((words[i + 1]?.yMin ?? 0) - w.yMin) > 2 && w.page < (v.name.endsWith('form') ? Infinity : words.at(-1)!.page),
      );
      expect(headings.length, `${v.name}: "${heading}" headings before the certificate page`).toBe(1);
      const block = words.find((w) => w.text === blockLabel && w.page === headings[0]!.page && w.yMin > headings[0]!.yMin);
      expect(block, `${v.name}: the signature block is on the heading's page, below it`).toBeDefined();
    }
  });

  it('reads as a complete authorization to the checker, and the acknowledgment as none', () => {
    for (const v of made) {
      const check = checkAuthorizationText(pdfFlatText(v.pdf));
      if (v.authorization) {
        expect(check.items.filter((i) => i.status === 'missing').map((i) => `${i.element}: ${i.detail}`), v.name).toEqual([]);
        expect(check.language).toBe(language);
        expect(check.items.find((i) => i.element === 'representative')?.status).toBe('present');
        expect(check.items.find((i) => i.element === 'remuneration')?.detail).toContain('Acme Orthotics');
      } else {
        expect(check.complete, v.name).toBe(false);
      }
    }
  });

  it('is sound for qpdf, and signed where it is a record', () => {
    for (const v of made) {
      expect(qpdfCheck(v.pdf).ok, v.name).toBe(true);
      if (!v.name.endsWith('paper-form')) expect(pdfSignatureReport(v.pdf), v.name).toContain('Signature is Valid');
    }
  });

  it.runIf(language === 'es')('holds no English sentence on any page, the revocation acknowledgment included', () => {
    const phrases = englishPhrases();
    expect(phrases.length).toBeGreaterThan(100);
    for (const v of made) {
      const text = pdfFlatText(v.pdf);
      expect(phrases.filter((p) => text.includes(p)), v.name).toEqual([]);
    }
  });
});

describe('the paper form', () => {
  it('carries the authorization id as a QR code that reads back, and a blank signature block', async () => {
    const id = crypto.randomUUID();
    const pdf = await paperFormPdf({
      authorizationId: id,
      practiceName: 'Riverside Physical Therapy',
      patientName: 'Maria Lopez',
      document: documentFor('en', 'paper'),
      representative: null,
      printedAt: '2026-11-29T15:00:00.000Z',
    });
    const pages = renderPdfPages(pdf, artifacts, 'qr-check', 150);
    const found: string[] = [];
    for (const page of pages) {
      const { data, info } = await sharp(page).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      try {
        found.push(decodeQR({ width: info.width, height: info.height, data: new Uint8Array(data) }));
      } catch {
        // no code on this page
      }
    }
    expect(found).toEqual([paperFormCode(id)]);
    const text = pdfFlatText(pdf);
    expect(text).toContain(id);
    expect(text).toContain('I sign it by hand below');
    expect(text).not.toContain('electronically');
  });
});

describe('a paper scan', () => {
  it('loses its EXIF (camera, place) and a PDF its information and XMP, before it is stored', async () => {
    const exifr = (await import('exifr')).default;
    const photo = await photoWithGps();
    expect(await exifr.gps(photo)).toBeTruthy();
    const cleanPhoto = await cleanScan(photo.toString('base64'), 'image/jpeg');
    expect(await exifr.parse(cleanPhoto.bytes).catch(() => undefined)).toBeUndefined();

    const scanned = await PDFDocument.create();
    scanned.setAuthor('Dr. Jane Secret');
    scanned.setTitle('Scan of Maria Lopez, 555-201-3344');
    scanned.setProducer('ScanMaster 9000 at 12 Elm St');
    const page = scanned.addPage();
    page.drawText('signed', { font: await scanned.embedFont(StandardFonts.Helvetica) });
    const clean = await cleanScan(Buffer.from(await scanned.save()).toString('base64'), 'application/pdf');
    const raw = clean.bytes.toString('latin1');
    for (const secret of ['Jane Secret', 'Maria Lopez', 'ScanMaster', '/Author', '/Metadata']) expect(raw).not.toContain(secret);
    expect(clean.pages).toBe(1);
    expect(documentText(documentFor('en', 'paper'))).toContain(patientName);
  });

  it('is refused, in words, when it is not what it claims or cannot be read', async () => {
    await expect(cleanScan(Buffer.from('%PDF-1.7 nonsense').toString('base64'), 'application/pdf')).rejects.toThrow(/cannot be read/);
    await expect(cleanScan(Buffer.from('not a png').toString('base64'), 'image/png')).rejects.toThrow(/not a readable PNG/);
  });
});
