import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/audit';
import { addDaysTo, dayOf, workstationTimeZone } from '../../shared/calendar';
import { pdfFlatText, pdfSignatureReport, qpdfCheck } from '../backend/testing/pdf-tools';
import { rejection, tempDataDir, testBackend } from '../backend/testing/test-backend';
import type { ListedAuthorization } from './commands/consents-list';
import type { CheckedPost } from './commands/posts-check';
import { demoStaff } from './demo-data';
import { lines, runConsentDesk } from './testing/cli-process';

/**
 * One demo store, made by the real `consent-desk demo`, is the fixture for
 * the commands that read authorizations and posts: it holds every state of
 * both, so each command meets them all. Tests run in order and the last
 * ones change the store (a take-down), so they stay in this one file.
 */
const password = 'demo password for everyone';
const root = tempDataDir('cli-demo');
const dataDir = path.join(root, 'store');
let demoOutput = '';
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** What the demo made, read once through the contract as the administrator (who may see everything). */
async function readDemoStore() {
  const { call, backend } = testBackend({ dataDir });
  try {
    await call('session.signIn', { username: 'admin', password });
    const consents = await call('consents.list', {});
    const revoked = consents.find((a) => a.status === 'revoked');
    const events: AuditEvent[] = [];
    for (let beforeSeq: number | undefined; ; ) {
      const page = await call('audit.list', { limit: 500, ...(beforeSeq ? { beforeSeq } : {}) });
      events.push(...page.events);
      if (page.events.length < 500) break;
      beforeSeq = page.events[page.events.length - 1]!.seq;
    }
    return {
      practiceName: (await call('app.state', {})).practiceName,
      staff: await call('staff.list', {}),
      consents,
      acknowledgment: revoked ? Buffer.from((await call('consents.revocationPdf', { id: revoked.id })).base64, 'base64') : null,
      testimonials: await call('testimonials.list', {}),
      dashboard: await call('posts.dashboard', {}),
      events: events.sort((a, b) => a.seq - b.seq),
      chain: await call('audit.verify', {}),
    };
  } finally {
    backend.close();
  }
}

let demo: Awaited<ReturnType<typeof readDemoStore>>;

beforeAll(async () => {
  const run = await runConsentDesk(['demo', '--data-dir', dataDir, '--password-stdin'], `${password}\n`);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  demoOutput = run.stdout;
  demo = await readDemoStore();
}, 180_000); // The whole demo practice through the CLI: well over a minute on a loaded 2-core machine.

const signedIn = (command: string[], user: string, ...more: string[]) =>
  runConsentDesk([...command, '--data-dir', dataDir, '--user', user, '--password-stdin', ...more], password);

const today = () => dayOf(new Date(), workstationTimeZone());

describe('consent-desk demo', () => {
  it('prints the summary and the recovery key, and refuses to run over an existing store', async () => {
    expect(demoOutput).toMatch(/Riverside Physical Therapy/);
    expect(demoOutput).toMatch(/^ {4}([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/m);
    expect(demoOutput).toMatch(/Posts: 3 draft, 1 approved, 3 published, 1 take-down required, 1 taken down\./);
    const again = await runConsentDesk(['demo', '--data-dir', dataDir, '--password-stdin'], password);
    expect(again.code).toBe(2);
    expect(lines(again.stderr)).toEqual([expect.stringMatching(/^consent-desk: .*already exists/)]);
  });

  it('creates one account per role and a disabled one, all with the password from stdin', async () => {
    expect(demo.practiceName).toBe('Riverside Physical Therapy');
    expect(demo.staff.map((s) => [s.username, s.role, s.status]).sort()).toEqual(
      demoStaff.map((s) => [s.username, s.role, s.disabled ? 'disabled' : 'active']).sort(),
    );
    const { call, backend } = testBackend({ dataDir });
    try {
      await call('session.signIn', { username: 'marketing', password });
      expect((await call('app.state', {})).session?.role).toBe('marketing');
      expect((await rejection(call('staff.list', {}))).code).toBe('forbidden');
      await call('session.signOut', {});
      expect((await rejection(call('session.signIn', { username: 'rbaker', password }))).code).toBe('unauthorized');
    } finally {
      backend.close();
    }
  });

  it('holds authorizations in every state, a representative, Spanish, and a revocation acknowledgment', () => {
    const all = demo.consents;
    expect(new Set(all.map((a) => a.status))).toEqual(new Set(['active', 'expiring_soon', 'expired', 'revoked', 'draft']));
    const soon = all.find((a) => a.status === 'expiring_soon')!;
    expect(soon.terms.expiration.kind === 'date' && soon.terms.expiration.date <= addDaysTo(today(), 30)).toBe(true);
    const expired = all.filter((a) => a.status === 'expired');
    expect(expired.map((a) => a.terms.expiration.kind).sort()).toEqual(['date', 'event']);
    // Signed long before today, on the demo's clock, not stamped today.
    expect(expired.every((a) => a.signedAt! < `${addDaysTo(today(), -300)}T`)).toBe(true);
    expect(all.find((a) => a.terms.representative?.authority === 'parent_of_minor')?.stage).toBe('final');
    expect(all.filter((a) => a.language === 'es' && a.stage === 'final').length).toBeGreaterThanOrEqual(1);
    expect(all.find((a) => a.terms.remuneration.thirdPartyPays)?.status).toBe('active');
    expect(pdfSignatureReport(demo.acknowledgment!)).toContain('Signature is Valid');
  });

  it('holds testimonials, a photo whose GPS position was removed, and posts in every state', () => {
    const media = demo.testimonials.flatMap((t) => t.media);
    expect(media.some((m) => m.metadataRemoved.includes('GPS position'))).toBe(true);
    expect(media.every((m) => m.thumbnail?.startsWith('data:image/jpeg;base64,'))).toBe(true);
    const { dashboard } = demo;
    expect(dashboard.counts).toEqual({ draft: 3, approved: 1, published: 3, takedown_required: 1, taken_down: 1 });
    expect(dashboard.takedownRequired.map((p) => p.verdict.reasons.map((r) => r.code))).toEqual([['expired']]);
    expect(dashboard.expiring.within30.flatMap((e) => e.posts.map((p) => p.state))).toEqual(['published']);
  });

  it('dates its history from about 13 months ago to today, in order, with the audit chain intact', () => {
    expect(demo.chain.intact).toBe(true);
    // Day by day in order. (Within one call the backend may stamp an event a
    // few milliseconds before the one written just ahead of it: see the report.)
    const days = demo.events.map((e) => e.at.slice(0, 10));
    expect(days).toEqual([...days].sort());
    expect(days[0]! < addDaysTo(today(), -390)).toBe(true);
    expect(demo.events.some((e) => e.action === 'post.takedown_required' && e.actorName === 'system')).toBe(true);
  });
});

describe('consent-desk consents list and consents pdf', () => {
  let listed: ListedAuthorization[] = [];

  it('lists every authorization with its status today, scope, expiry and PDF hash', async () => {
    const run = await signedIn(['consents', 'list'], 'frontdesk', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as { asOf: string; authorizations: ListedAuthorization[] };
    expect(parsed.asOf).toBe(today());
    listed = parsed.authorizations;
    expect(listed.map((a) => [a.id, a.patientId, a.status, a.pdfSha256])).toEqual(
      demo.consents.map((a) => [a.id, a.patientId, a.status, a.pdfSha256]),
    );
    for (const a of listed) {
      expect(a.scope.contentKinds.length).toBeGreaterThan(0);
      expect(a.expiration).toBeDefined();
      expect(a.pdfSha256 === null).toBe(a.status === 'draft');
    }
  });

  it('writes the stored PDF byte for byte: its SHA-256 is the listed one and pdfsig says valid', async () => {
    const spanish = listed.find((a) => a.language === 'es' && a.status === 'active')!;
    const out = path.join(root, 'spanish.pdf');
    const run = await signedIn(['consents', 'pdf', spanish.id, '--out', out], 'admin');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const pdf = fs.readFileSync(out);
    expect(crypto.createHash('sha256').update(pdf).digest('hex')).toBe(spanish.pdfSha256);
    expect(run.stdout).toContain(spanish.pdfSha256!);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(pdfSignatureReport(pdf)).toContain('Signature is Valid');
    expect(qpdfCheck(pdf).ok).toBe(true);
    expect(pdfFlatText(pdf)).toContain('Lucía Fernández');

    // An existing file is kept unless --force; that is known before any sign-in.
    const again = await signedIn(['consents', 'pdf', spanish.id, '--out', out], 'admin');
    expect(again.code).toBe(2);
    expect(lines(again.stderr)).toEqual([expect.stringMatching(/already exists; use --force/)]);
  });

  it('refuses a draft, an unknown id and a missing ID with exit 2 and one line', async () => {
    const draft = listed.find((a) => a.status === 'draft')!;
    const noPdf = await signedIn(['consents', 'pdf', draft.id, '--out', path.join(root, 'draft.pdf')], 'frontdesk');
    expect(noPdf.code).toBe(2);
    expect(lines(noPdf.stderr)).toEqual([expect.stringMatching(/no signed PDF yet/)]);
    expect(fs.existsSync(path.join(root, 'draft.pdf'))).toBe(false);

    const unknown = await signedIn(['consents', 'pdf', 'not-an-id', '--out', path.join(root, 'x.pdf')], 'frontdesk');
    expect(unknown.code).toBe(2);
    expect(lines(unknown.stderr)).toEqual(['consent-desk: ID: Unknown authorization.']);

    const missing = await runConsentDesk(['consents', 'pdf', '--out', 'x.pdf', '--data-dir', dataDir, '--user', 'admin', '--password-stdin']);
    expect(missing.code).toBe(2);
    expect(lines(missing.stderr)).toEqual([expect.stringMatching(/^consent-desk: Missing ID\. Run “consent-desk consents pdf --help”/)]);
  });

  it('is refused to marketing, whose role does not see authorizations', async () => {
    const run = await signedIn(['consents', 'list'], 'marketing', '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/Your role \(Marketing\) does not allow you to see authorizations/)]);
  });
});

describe('consent-desk posts check', () => {
  it('prints every post with its verdict and exits 1 while a post that must come down is still live', async () => {
    const run = await signedIn(['posts', 'check'], 'marketing', '--json');
    expect(run.code).toBe(1);
    const parsed = JSON.parse(run.stdout) as { uncoveredWhileLive: number; posts: CheckedPost[] };
    expect(parsed.posts).toHaveLength(9);
    expect(new Set(parsed.posts.map((p) => p.state))).toEqual(new Set(['draft', 'approved', 'published', 'takedown_required', 'taken_down']));
    // Every published post is covered: the backend flagged the uncovered one at the moment its consent expired.
    expect(parsed.posts.filter((p) => p.state === 'published').every((p) => p.verdict.covered)).toBe(true);
    const failing = parsed.posts.filter((p) => p.uncoveredWhileLive);
    expect(failing.map((p) => [p.state, p.verdict.reasons.map((r) => r.code)])).toEqual([['takedown_required', ['expired']]]);
    expect(parsed.uncoveredWhileLive).toBe(1);
    // Uncovered drafts and taken-down posts are reported, not failures.
    expect(parsed.posts.filter((p) => !p.verdict.covered && !p.uncoveredWhileLive).map((p) => p.state).sort()).toEqual(['draft', 'draft', 'taken_down']);
    expect(lines(run.stderr)).toEqual([`consent-desk: 1 live post without a valid, covering consent: ${failing[0]!.id}`]);
  });

  it('exits 0 once the take-down is recorded', async () => {
    const { call, backend } = testBackend({ dataDir });
    try {
      await call('session.signIn', { username: 'marketing', password });
      await call('posts.recordTakedown', { id: demo.dashboard.takedownRequired[0]!.id });
    } finally {
      backend.close();
    }
    const run = await signedIn(['posts', 'check'], 'admin');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/NOT COVERED: TikTok is not among the channels the patient allowed\./);
    expect(run.stdout).toMatch(/9 posts checked: none is live without a valid, covering consent/);

  });
});
