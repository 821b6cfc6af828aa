/**
 * `npm run bench:pdf [-- --runs N]`
 *
 * The time to produce one signed authorization PDF with the real
 * `authorizationPdf` (layout, signature image, signature-certificate page,
 * PAdES signature with a generated practice certificate), against a bare
 * pdf-lib document holding the same text and the same signature image: the
 * ratio is Consent Desk's own overhead. A third row signs the bare document
 * the same way, to show how much of that overhead is the digital signature.
 * Each round prints a different patient; CPU time is printed beside wall
 * time (under load it stretches far less). Two paths: Latin names, and names outside Latin-1 ("Nguyễn
 * Thị Minh"). Both embed subsets of DejaVu Sans, Bold and Sans Mono (every
 * PDF embeds its fonts); the bare document uses Helvetica, unembedded, for
 * the Latin name, so the first ratio includes the cost of embedding.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import type { AuditEvent } from '../shared/audit';
import { renderAuthorization, type AuthorizationDocument } from '../shared/authorization/document';
import type { AuthorizationTerms } from '../shared/authorization/scope';
import { builtInTemplates } from '../shared/authorization/template';
import { drawnSignature } from '../electron/backend/consents/sample-signature';
import { generatePracticeCertificate, type CertificateBundle } from '../electron/backend/crypto/practice-certificate';
import { authorizationPdf, type AuthorizationPdfInput } from '../electron/backend/pdf/authorization-pdf';
import { documentFonts } from '../electron/backend/pdf/fonts';
import { signPdf } from '../electron/backend/pdf/sign-pdf';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' } }, strict: true });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 30) throw new Error('--runs must be a whole number of at least 30');
const warmups = 3;

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (at - lo);
}

const practiceName = 'Riverside Physical Therapy';
const terms: AuthorizationTerms = {
  language: 'en',
  scope: {
    contentKinds: ['written_testimonial', 'first_name', 'photographs', 'before_after_images'],
    channels: ['facebook', 'instagram', 'website'],
    otherChannels: [],
    purposes: ['advertising', 'patient_education'],
    otherPurposes: [],
  },
  expiration: { kind: 'date', date: '2027-11-30' },
  remuneration: { thirdPartyPays: false, payer: '' },
  representative: null,
  combinedWith: [],
};
const hex = () => crypto.randomBytes(32).toString('hex');

function pdfInput(patientName: string, certificate: CertificateBundle): AuthorizationPdfInput {
  const id = crypto.randomUUID();
  const document = renderAuthorization({ language: 'en', version: 1, text: builtInTemplates.en }, terms, {
    practiceName,
    patientName,
    practiceAddress: '120 River Road\nSpringfield, IL 62701',
    practiceEmail: 'privacy@riverside.example',
  });
  const signature = drawnSignature();
  const event = (seq: number, action: string, actorName: string, detail = ''): AuditEvent => ({
    seq,
    at: `2026-11-29T15:0${seq}:00.000Z`,
    actorId: null,
    actorName,
    action,
    subjectType: 'authorization',
    subjectId: id,
    detail,
    prevHash: hex(),
    hash: hex(),
  });
  return {
    authorizationId: id,
    practiceName,
    patientName,
    document,
    signature: {
      png: signature.png,
      signatureKind: 'drawn',
      signerName: patientName,
      signedAt: '2026-11-29T15:04:00.000Z',
      signedOn: '2026-11-29',
      representative: null,
      workstation: 'FRONT-DESK-1',
      textSha256: hex(),
      strokeCount: signature.strokes.length,
      pointCount: signature.strokes.flat().length,
      agreedToSignElectronically: true,
    },
    witness: { name: 'Marisol Ortega', username: 'frontdesk', at: '2026-11-29T15:05:00.000Z' },
    contentSha256: hex(),
    auditEvents: [
      event(1, 'consent.drafted', 'frontdesk', 'patient 3f1c'),
      event(2, 'consent.patient_mode_started', 'frontdesk'),
      event(3, 'consent.viewed', 'frontdesk'),
      event(4, 'consent.signed', 'frontdesk', `by patient; text SHA-256 ${hex()}`),
    ],
    certificate,
  };
}

/** Every line of text the signed PDF prints, in order: what the bare document prints too. */
function textOf(input: AuthorizationPdfInput): string[] {
  const doc: AuthorizationDocument = input.document;
  const s = input.signature;
  return [
    input.practiceName,
    doc.title,
    ...doc.blocks.flatMap((b) => (b.kind === 'list' ? b.items.map((i) => `•  ${i}`) : [b.text])),
    'Signature',
    `Name ${s.signerName}`,
    `Date signed ${s.signedAt.slice(0, 10)}`,
    'Signature certificate',
    'Evidence recorded by Consent Desk when this authorization was signed. All times are UTC.',
    `Authorization id ${input.authorizationId}`,
    `Practice ${input.practiceName}`,
    `Patient ${input.patientName}`,
    'Language English (en)',
    `Template version en v${doc.templateVersion}`,
    `SHA-256 of the text shown ${s.textSha256}`,
    `SHA-256 of the content ${input.contentSha256}`,
    `Signed by ${s.signerName}`,
    `Signed at ${s.signedAt}`,
    `Workstation ${s.workstation}`,
    'Agreed to sign electronically Yes',
    `Signature strokes ${s.strokeCount} strokes, ${s.pointCount} points, kept with their timing`,
    `Witness ${input.witness.name} (${input.witness.username})`,
    `Witnessed at ${input.witness.at}`,
    `Signing certificate ${input.certificate.info.subject} (SHA-256 ${input.certificate.info.fingerprintSha256})`,
    ...input.auditEvents.map((e) => `#${e.seq} ${e.at} ${e.action} by ${e.actorName} ${e.detail}`),
  ];
}

/** The same text and image with pdf-lib alone: fixed-width wrapping, no layout, no signature. */
async function barePdf(input: AuthorizationPdfInput, unicode: boolean): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  let font: PDFFont;
  if (unicode) {
    doc.registerFontkit(fontkit);
    font = await doc.embedFont(documentFonts().regular, { subset: true });
  } else {
    font = await doc.embedFont(StandardFonts.Helvetica);
  }
  let page = doc.addPage([612, 792]);
  let y = 738;
  const line = (text: string) => {
    if (y < 84) {
      page = doc.addPage([612, 792]);
      y = 738;
    }
    page.drawText(text, { x: 54, y, size: 10, font });
    y -= 13.5;
  };
  for (const text of textOf(input)) {
    for (let at = 0; at < text.length; at += 95) line(text.slice(at, at + 95));
  }
  const image = await doc.embedPng(input.signature.png);
  page.drawImage(image, { x: 54, y: Math.max(84, y - 90), width: 260, height: 87 });
  return doc;
}

/** Each variant is given the round's number, so that every variant of a round prints the same patient. */
/** CPU time of this process (user + system), in ms: under load it stretches far less than wall time. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const cpuTimes: number[][] = [];
async function timeInterleaved(fns: ((round: number) => Promise<unknown>)[]): Promise<number[][]> {
  for (let i = 0; i < warmups; i++) for (const fn of fns) await fn(runs + i);
  const times = fns.map((): number[] => []);
  cpuTimes.length = 0;
  cpuTimes.push(...fns.map((): number[] => []));
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < fns.length; k++) {
      const which = (k + i) % fns.length;
      const start = performance.now();
      const startCpu = cpuMs();
      await fns[which]!(i);
      times[which]!.push(performance.now() - start);
      cpuTimes[which]!.push(cpuMs() - startCpu);
    }
  }
  return times;
}


const start = performance.now();
const certificate = await generatePracticeCertificate(practiceName, new Date());
const certificateMs = performance.now() - start;
console.log(`Consent Desk PDF benchmark (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}; Node ${process.version})`);
console.log(`Practice certificate: RSA 2048, self-signed, generated once in ${certificateMs.toFixed(0)} ms. ${runs} runs after ${warmups} warm-ups, one PDF at a time.`);

const row = (cells: string[]) => `${cells[0]!.padEnd(44)}${cells.slice(1).map((c) => c.padStart(12)).join('')}`;
const results: Record<string, number> = {};
const ratios: Record<string, number> = {};
const cpuRatios: Record<string, number> = {};
/**
 * A different patient in every round, as at a front desk: Latin names from a
 * list (letters every subset starts with), and Vietnamese names put together
 * at random, whose letters outside Latin-1 make most documents' subsets new.
 */
const latinNames = ['Maria Lopez', 'John Smith', 'José Hernández', 'Zoë Müller', 'Aisha Khan', 'François Dubois', 'Siobhán O\'Brien', 'Wei Zhang', 'Ana Sofía Pérez', 'Björn Andersson', 'Kwame Mensah', 'Emily Clarke'];
const pick = <T,>(xs: readonly T[]) => xs[crypto.randomInt(xs.length)]!;
const vietnameseName = () =>
  [
    pick(['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý']),
    pick(['Thị', 'Văn', 'Hữu', 'Đức', 'Ngọc', 'Thanh', 'Quốc', 'Xuân']),
    pick(['Minh', 'Hương', 'Lan', 'Phương', 'Tuấn', 'Dũng', 'Hải', 'Thảo', 'Trang', 'Hằng', 'Nhung', 'Quỳnh', 'Yến', 'Khánh']),
  ].join(' ');

for (const [label, nameOf, unicode] of [
  ['Latin names (fonts embedded; bare: Helvetica)', (round: number) => latinNames[round % latinNames.length]!, false],
  ['Vietnamese names, a new one each round (DejaVu Sans subset)', vietnameseName, true],
] as const) {
  const inputs = Array.from({ length: runs + warmups }, (_, round) => pdfInput(nameOf(round), certificate));
  const size = (await authorizationPdf(inputs[0]!)).length;
  // Interleaved: each round runs every variant once, in a rotating order, so a change in load hits all of them alike.
  const [signed, bare, bareSigned] = (await timeInterleaved([
    (round) => authorizationPdf(inputs[round]!),
    async (round) => (await barePdf(inputs[round]!, unicode)).save(),
    async (round) =>
      signPdf(await barePdf(inputs[round]!, unicode), certificate, { reason: 'Benchmark', location: practiceName, signerName: practiceName, signingTime: new Date() }),
  ])) as [number[], number[], number[]];
  const base = median(bare);
  console.log('');
  console.log(`${label}; signed PDF ${(size / 1024).toFixed(0)} KB; load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  console.log(row(['', 'median ms', 'p95 ms', 'PDFs/s', 'vs bare', 'CPU ms', 'CPU vs bare']));
  console.log('-'.repeat(44 + 12 * 6));
  const cpuBase = median(cpuTimes[1]!);
  const cpuOf = new Map([signed, bare, bareSigned].map((t, i) => [t, median(cpuTimes[i]!)]));
  for (const [name, times] of [
    ['authorizationPdf: signed, as stored', signed],
    ['bare pdf-lib: same text and image', bare],
    ['bare pdf-lib + the same PAdES signature', bareSigned],
  ] as const) {
    const m = median(times);
    const c = cpuOf.get(times)!;
    console.log(row([name, m.toFixed(1), quantile(times, 0.95).toFixed(1), (1000 / m).toFixed(1), `${(m / base).toFixed(2)}x`, c.toFixed(1), `${(c / cpuBase).toFixed(2)}x`]));
  }
  results[unicode ? 'unicode' : 'standard'] = 1000 / median(signed);
  ratios[unicode ? 'unicode' : 'standard'] = median(signed) / base;
  cpuRatios[unicode ? 'unicode' : 'standard'] = cpuOf.get(signed)! / cpuBase;
}
console.log('');
console.log('"vs bare" is median time / the bare document\'s median: our overhead (layout, certificate page, signature).');
const verdict = (rate: number) => `${rate.toFixed(1)}/s, ${rate >= 20 ? 'met' : 'NOT MET'}`;
console.log(`Target: at least 20 signed PDFs per second: standard fonts ${verdict(results.standard!)}; Unicode name ${verdict(results.unicode!)}.`);
const ratioVerdict = (r: number) => `${r.toFixed(2)}x, ${r <= 1.3 ? 'met' : 'NOT MET'}`;
console.log(`Target: at most 1.3x a bare pdf-lib document with the same text: against standard fonts ${ratioVerdict(ratios.standard!)}; against the same embedded fonts ${ratioVerdict(ratios.unicode!)}.`);
console.log(`  The same in CPU time: against standard fonts ${ratioVerdict(cpuRatios.standard!)}; against the same embedded fonts ${ratioVerdict(cpuRatios.unicode!)}. Load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}.`);
