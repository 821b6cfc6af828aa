import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames, contract } from '../../shared/contract';
import { errorCodes } from '../../shared/errors';
import { adminPassword, setUpStore, tempDataDir, testKdf } from '../../electron/backend/testing/test-backend';
import { samplePatient } from '../../electron/backend/testing/consent-flow';
import { completeTerms } from '../../shared/authorization/test-terms';
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
let host: RunningHost;
let sandbox: string;
const dirs: string[] = [];
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

describe('fuzzing every contract call through the development host', () => {
  beforeAll(async () => {
    const t = await setUpStore();
    dirs.push(t.dataDir);
    const patient = await t.call('patients.create', samplePatient);
    const testimonial = await t.call('testimonials.create', { patientId: patient.id, title: 'Stairs', quote: 'I can climb stairs again.' });
    const draft = await t.call('consents.createDraft', { patientId: patient.id, terms: completeTerms() });
    const staff = await t.call('staff.list', {});
    plausibleValue = fc.constantFrom(...plausible, patient.id, testimonial.id, draft.id, staff[0]!.id);
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
    const input = fc.tuple(
      fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: hostileString }),
      fc.oneof(
        { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...keyPool), hostileValue, { maxKeys: 6 }) },
        { weight: 1, arbitrary: hostileValue },
      ),
      fc.oneof({ weight: 12, arbitrary: fc.constant('json') }, { weight: 1, arbitrary: fc.constantFrom('not json', '{', '[]', 'null', '{"a":'.repeat(200)) }),
    );
    let tried = 0;
    let answeredOk = 0;
    const codes = new Map<string, number>();
    const untyped: string[] = [];
    await fc.assert(
      fc.asyncProperty(input, async ([name, value, form]) => {
        tried += 1;
        if (tried % 60 === 0) await reset();
        // Paths go to the scratch folder, never anywhere else on the machine.
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          for (const key of Object.keys(value)) {
            if (pathish.test(key)) (value as Record<string, unknown>)[key] = path.join(sandbox, `f${tried}${['.zip', '.cdbackup', ''][tried % 3]}`);
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
        if (parsed.ok === true) {
          answeredOk += 1;
          return true;
        }
        const code = parsed.error?.code;
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
        `refused: ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}`,
    );
    expect(untyped).toEqual([]);
  }, 900_000);
});
