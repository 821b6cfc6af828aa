import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames, contract } from '../../shared/contract';
import { errorCodes } from '../../shared/errors';
import { adminPassword, setUpStore, tempDataDir, testKdf } from '../../electron/backend/testing/test-backend';
import { samplePatient, signAuthorization } from '../../electron/backend/testing/consent-flow';
import { signatureFixture } from '../../electron/backend/testing/fixture-png';
import { completeTerms } from '../../shared/authorization/test-terms';
import { dayOf } from '../../shared/calendar';
import { startHost, type RunningHost } from './start';

/**
 * Every contract call, through the development host, with thousands of
 * generated inputs: the right keys with wrong, broken or hostile values,
 * unknown keys, unknown calls, bodies that are not JSON. Every answer must
 * be a typed result (ok, or an AppError with a known code that is not
 * `internal`) and the host must stay up. Paths the calls would write to
 * are kept inside a scratch folder. CONSENT_DESK_FUZZ_RUNS sets how many
 * (default 2500); the test prints inputs tried and untyped errors (target 0).
 */
const runs = Number(process.env.CONSENT_DESK_FUZZ_RUNS ?? 2500);
/** Of these, how many start from a well-formed input for one call, with some of its values made hostile. */
const shapedShare = 0.4;
let host: RunningHost;
let sandbox: string;
const dirs: string[] = [];
let ids = { draft: '', signed: '', signedOn: '', post: '', patient: '' };
/** A one-page scan with something on it (made in beforeAll). */
let scannedPdf = '';
afterAll(async () => {
  await host?.close();
  dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});

function post(name: string, body: string, token = host.token): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // Every byte percent-encoded, whatever the name holds (encodeURIComponent refuses lone surrogates).
    const encoded = [...Buffer.from(name, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
    const req = http.request(`${host.origin}/api/call/${encoded}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The keys of a call's input schema (objects, unions of objects, refinements of them). */
function keysOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { def: { type: string; shape?: Record<string, unknown>; options?: z.ZodType[]; in?: z.ZodType; innerType?: z.ZodType } }).def;
  if (def.shape) return Object.keys(def.shape);
  if (def.options) return def.options.flatMap(keysOf);
  if (def.in) return keysOf(def.in);
  if (def.innerType) return keysOf(def.innerType);
  return [];
}

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 30 }).map((u) => String.fromCharCode(...u)),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '../../etc/passwd', '%ZZ', 'x'.repeat(5000), '2026-02-30', '1900-01-01', 'admin', 'data:image/png;base64,AAAA', 'https://example.com/p/1'),
);
/** Values that pass many schemas (real ids, dates, names, channels), so calls get past validation into the handlers. */
const plausible: unknown[] = ['2026-01-01', '2026-12-31', 'facebook', 'instagram', 'website', 'photo', 'quote', 'advertising', 'frontdesk', 'marketing', 'admin', 'Maria Lopez', 'en', 'es', 'email', 'in_person', 1, 5, 30, true, false, []];
let plausibleValue: fc.Arbitrary<unknown> = fc.constantFrom(...plausible);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    { weight: 3, arbitrary: fc.constant(null).chain(() => plausibleValue) },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.uuid(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** A PDF whose one page has no content at all (it once failed the paper package with an untyped error). */
const onePagePdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
).toString('base64');
const pngBase64 = signatureFixture(60, 20).png.toString('base64');

/**
 * Well-formed inputs for the calls that reach the most code once past
 * validation (issue 11's paper signatures and patient copies, issue 8's
 * shell calls, issue 10's identifier approval and reply check, this
 * issue's store calls): the fuzzer starts from one and makes some of its
 * values hostile, so the handlers themselves are attacked, not only the
 * schemas. `sandboxFile` is a fresh path in the scratch folder.
 */
function shapedInputs(sandboxFile: (extension: string) => string): Record<string, fc.Arbitrary<Record<string, unknown>>> {
  const pdfSource = fc.constantFrom(
    { call: 'consents.pdf', input: { id: ids.signed } },
    { call: 'consents.revocationPdf', input: { id: ids.signed } },
    { call: 'consents.paperForm', input: { id: ids.draft } },
    { call: 'reports.pdf', input: { report: 'expiring_consents', includeNames: false } },
  );
  const scan = fc.record({
    mimeType: fc.constantFrom('application/pdf', 'image/png', 'image/jpeg'),
    base64: fc.constantFrom(scannedPdf, onePagePdf, pngBase64, onePagePdf.slice(0, 40), pngBase64.slice(0, 60), 'AAAA'),
  });
  return {
    'consents.paperForm': fc.record({ id: fc.constantFrom(ids.draft, ids.signed) }),
    'consents.recordPaperSignature': fc.record({
      id: fc.constantFrom(ids.draft, ids.signed),
      scan,
      signedOn: fc.constantFrom('2026-01-01', '2026-12-01', '2099-01-01'),
      signerName: fc.constantFrom('Maria Lopez', 'Someone Else'),
      attested: fc.constant(true),
      password: fc.constantFrom(adminPassword, 'not the password'),
    }),
    'consents.recordPatientCopy': fc.record({ id: fc.constantFrom(ids.signed, ids.draft), method: fc.constantFrom('printed', 'saved', 'declined') }),
    'consents.revoke': fc.record({ id: fc.constant(ids.signed), receivedOn: fc.constantFrom(ids.signedOn, '2026-01-01', '2099-01-01'), method: fc.constantFrom('mail', 'email'), note: fc.constant(''), scan: fc.option(scan) }),
    'posts.approveIdentifiers': fc.record({ id: fc.constant(ids.post), reason: fc.constantFrom('The patient asked us to show the date of her surgery.', 'short') }),
    'replies.check': fc.record({ text: fc.constantFrom('Thank you Maria, see you at your next appointment on Tuesday!', 'Thanks for the kind words.', '\ud800 reply') }),
    'shell.choosePath': fc.record({ purpose: fc.constantFrom('pdf', 'bundle', 'backup', 'backupFolder', 'backupFile', 'bundleToVerify'), typedPath: fc.constantFrom('pdf', 'zip', 'cdbackup', '').map(sandboxFile) }),
    'shell.savePdf': fc.record({ source: pdfSource, typedPath: fc.constantFrom('pdf', 'txt').map(sandboxFile) }),
    'shell.printPdf': fc.record({ source: pdfSource }),
    'shell.showInFolder': fc.record({ path: fc.constantFrom('pdf', '').map(sandboxFile) }),
    'store.check': fc.constant({}),
    'store.acceptRollback': fc.record({ username: fc.constant('admin'), password: fc.constantFrom(adminPassword, 'nope'), reason: fc.constant('restored on purpose') }),
    'store.newRecoveryKey': fc.record({ password: fc.constantFrom(adminPassword, 'not the password') }),
  };
}

/** A shaped input with some of its values swapped for hostile ones (or none: it may also be sent as it is). */
function spoiled(shaped: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(shaped, fc.array(fc.tuple(fc.nat(), hostileValue), { maxLength: 2 })).map(([value, swaps]) => {
    const keys = Object.keys(value);
    const out = { ...value };
    for (const [i, hostile] of swaps) if (keys.length) out[keys[i % keys.length]!] = hostile;
    return out;
  });
}

describe('fuzzing every contract call through the development host', () => {
  beforeAll(async () => {
    const t = await setUpStore();
    dirs.push(t.dataDir);
    const patient = await t.call('patients.create', samplePatient);
    const testimonial = await t.call('testimonials.create', { patientId: patient.id, title: 'Stairs', quote: 'I can climb stairs again.' });
    const draft = await t.call('consents.createDraft', { patientId: patient.id, terms: completeTerms() });
    const staff = await t.call('staff.list', {});
    const signed = await signAuthorization(t.call, patient.id, completeTerms(), 'Maria Lopez', adminPassword);
    const post = await t.call('posts.create', {
      testimonialId: testimonial.id,
      consentId: signed.id,
      channel: 'facebook',
      caption: 'Maria is back on the stairs since 03/14/2026! “I can climb stairs again.”',
      mediaIds: [],
      purpose: 'advertising',
      thirdPartyPays: false,
      extraContentKinds: [],
    });
    plausibleValue = fc.constantFrom(...plausible, patient.id, testimonial.id, draft.id, signed.id, post.id, staff[0]!.id);
    // The practice's day of the signature: a revocation received that day passes its schema and the handler's date rules.
    const { timeZone } = await t.call('app.state', {});
    ids = { draft: draft.id, signed: signed.id, signedOn: dayOf(new Date(signed.signedAt!), timeZone!), post: post.id, patient: patient.id };
    const scanned = await PDFDocument.create();
    scanned.addPage().drawRectangle({ x: 40, y: 40, width: 300, height: 30 });
    scannedPdf = Buffer.from(await scanned.save()).toString('base64');
    t.backend.close();
    const staticDir = tempDataDir('fuzz-static');
    dirs.push(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    sandbox = tempDataDir('fuzz-sandbox');
    dirs.push(sandbox);
    host = await startHost({ dataDir: t.dataDir, staticDir, backend: { kdf: testKdf, reportUnexpected: () => undefined } });
  }, 120_000);

  it(`answers ${runs} generated inputs with typed results and stays up`, async () => {
    const signIn = () => post('session.signIn', JSON.stringify({ username: 'admin', password: adminPassword }));
    const reset = async () => {
      await post('session.signOut', '{}');
      await signIn();
    };
    await signIn();
    const names = [...callNames];
    const keyPool = [...new Set(names.flatMap((n) => keysOf(contract[n].input)))];
    const pathish = /path|folder/i;
    let files = 0;
    const sandboxFile = (extension: string) => path.join(sandbox, `s${++files}${extension ? `.${extension}` : ''}`);
    const shaped = shapedInputs(sandboxFile);
    const shapedNames = Object.keys(shaped);
    expect(shapedNames.filter((n) => !(names as string[]).includes(n))).toEqual([]);
    const json = fc.oneof({ weight: 12, arbitrary: fc.constant('json') }, { weight: 1, arbitrary: fc.constantFrom('not json', '{', '[]', 'null', '{"a":'.repeat(200)) });
    const randomInput = fc.tuple(
      fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: hostileString }),
      fc.oneof(
        { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...keyPool), hostileValue, { maxKeys: 6 }) },
        { weight: 1, arbitrary: hostileValue },
      ),
      json,
    );
    const shapedInput = fc.constantFrom(...shapedNames).chain((name) => fc.tuple(fc.constant(name), spoiled(shaped[name]!) as fc.Arbitrary<unknown>, fc.constant('json')));
    const weight = Math.round((shapedShare / (1 - shapedShare)) * 10);
    const input = fc.oneof({ weight: 10, arbitrary: randomInput }, { weight, arbitrary: shapedInput });
    let tried = 0;
    let answeredOk = 0;
    const codes = new Map<string, number>();
    const untyped: string[] = [];
    /** Per call: answers past the input's validation (done, or refused by the handler for a reason of its own). */
    const reached = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(input, async ([name, value, form]) => {
        tried += 1;
        if (tried % 60 === 0) await reset();
        // Paths go to the scratch folder, never anywhere else on the machine. A shaped input's own path is in it
        // already and keeps its extension: replacing it too left shell.savePdf with never a .pdf to write, so
        // whether its handler was reached at all was down to chance.
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          for (const key of Object.keys(value)) {
            const current = (value as Record<string, unknown>)[key];
            const inSandbox = typeof current === 'string' && path.resolve(current).startsWith(sandbox + path.sep) && !current.includes('\0');
            if (pathish.test(key) && !inSandbox) (value as Record<string, unknown>)[key] = path.join(sandbox, `f${tried}${['.zip', '.cdbackup', ''][tried % 3]}`);
          }
        }
        const body = form === 'json' ? JSON.stringify(value) ?? 'null' : form;
        const res = await post(name, body);
        let parsed: { ok?: boolean; error?: { code?: string; message?: string } };
        try {
          parsed = JSON.parse(res.text) as typeof parsed;
        } catch {
          untyped.push(`${name}: HTTP ${res.status}, not JSON: ${res.text.slice(0, 80)}`);
          return true;
        }
        const code = parsed.error?.code;
        if ((names as string[]).includes(name) && (parsed.ok === true || (code && code !== 'validation'))) reached.set(name, (reached.get(name) ?? 0) + 1);
        if (parsed.ok === true) {
          answeredOk += 1;
          return true;
        }
        codes.set(String(code), (codes.get(String(code)) ?? 0) + 1);
        if (!code || !(errorCodes as readonly string[]).includes(code) || code === 'internal' || typeof parsed.error?.message !== 'string') {
          untyped.push(`${name}: ${code}: ${parsed.error?.message?.slice(0, 160)} (input ${body.slice(0, 160)})`);
        }
        return true;
      }),
      { numRuns: runs },
    );
    // Still up and answering.
    expect((await post('app.state', '{}')).status).toBe(200);
    console.log(
      `contract fuzz: ${tried} inputs tried over ${names.length} calls, ${untyped.length} untyped errors; ${answeredOk} succeeded, ` +
        `refused: ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}; ${reached.size} of ${names.length} calls reached past validation, of them ` +
        shapedNames.map((n) => `${n} ${reached.get(n) ?? 0}`).join(', '),
    );
    expect(untyped).toEqual([]);
    // The shaped calls were attacked in their handlers, not only at their schemas.
    if (runs >= 1000) expect(shapedNames.filter((n) => (reached.get(n) ?? 0) === 0)).toEqual([]);
  }, 900_000);
});
