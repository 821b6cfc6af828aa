import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../shared/calendar';
import { statusLabels } from '../../shared/authorization/status';
import { completeTerms } from '../../shared/authorization/test-terms';
import { channelName } from '../../shared/posts/coverage';
import { postStateLabels } from '../../shared/posts/post';
import { auditPractice, frontDesk, marketing, secondPatient } from '../backend/testing/audit-practice';
import { signAuthorization } from '../backend/testing/consent-flow';
import { adminPassword, tempDataDir, testBackend } from '../backend/testing/test-backend';
import { listed, type ListedAuthorization } from './commands/consents-list';
import { checked, type CheckedPost } from './commands/posts-check';
import { copiedStore } from './testing/copied-store';
import { repoRoot, runConsentDesk, type CliRun } from './testing/cli-process';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const signIn = ['--user', 'admin', '--password-stdin'];

/**
 * What `consents list` and `posts check` printed before they streamed: every
 * record read in one call (consents.list, posts.list) and the output built
 * in memory. The streaming commands must print exactly these bytes.
 */
async function printedInMemory(dataDir: string) {
  const t = testBackend({ dataDir });
  await t.call('session.signIn', { username: 'admin', password: adminPassword });
  const asOf = dayOf(new Date(), (await t.call('settings.get', {})).timeZone);
  const authorizations = (await t.call('consents.list', {})).map(listed);
  const posts = (await t.call('posts.list', {})).map(checked);
  t.backend.close();
  const failing = posts.filter((p) => p.uncoveredWhileLive).length;
  return {
    consentsJson: `${JSON.stringify({ asOf, authorizations }, null, 2)}\n`,
    consentsText: consentsText(asOf, authorizations),
    postsJson: `${JSON.stringify({ asOf, uncoveredWhileLive: failing, posts }, null, 2)}\n`,
    postsText: postsText(asOf, posts),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

function consentsText(asOf: string, list: ListedAuthorization[]): string {
  if (list.length === 0) return 'No authorizations.\n';
  const expiry = (a: ListedAuthorization) => (a.expiration.kind === 'date' ? a.expiration.date : `event${a.expirationEventAt ? ` (recorded ${a.expirationEventAt.slice(0, 10)})` : ''}`);
  const rows = [['ID', 'PATIENT', 'STATUS', 'EXPIRES', 'LANG', 'PDF SHA-256'], ...list.map((a) => [a.id, a.patientId, statusLabels[a.status], expiry(a), a.language, a.pdfSha256 ?? '-'])];
  return `${table(rows)}\n\n${list.length} authorization${list.length === 1 ? '' : 's'}; status as of ${asOf}.\n`;
}

function postsText(asOf: string, posts: CheckedPost[]): string {
  if (posts.length === 0) return `No posts (as of ${asOf}).\n`;
  const verdict = (p: CheckedPost) => (p.verdict.covered ? 'covered' : `NOT COVERED: ${p.verdict.reasons.map((r) => r.message).join(' ')}`);
  const rows = [['POST', 'STATE', 'CHANNEL', 'VERDICT'], ...posts.map((p) => [p.id, postStateLabels[p.state], channelName(p.channel), verdict(p)])];
  const failing = posts.filter((p) => p.uncoveredWhileLive).length;
  const summary = failing
    ? `${failing} of ${posts.length} posts ${failing === 1 ? 'is' : 'are'} live without a valid, covering consent (as of ${asOf}).`
    : `${posts.length} post${posts.length === 1 ? '' : 's'} checked: none is live without a valid, covering consent (as of ${asOf}).`;
  return `${table(rows)}\n\n${summary}\n`;
}

describe('consents list and posts check stream, printing what they printed before', () => {
  let dataDir: string;
  let liveUncoveredId: string;
  beforeAll(async () => {
    dataDir = tempDataDir('cli-stream-small');
    dirs.push(dataDir);
    // The audit practice (kept, revoked and taken-down records), plus a published post whose consent is then revoked:
    // live without coverage, so posts check exits 1 and names it.
    const t = await auditPractice({ dataDir });
    await t.as(frontDesk);
    const anh = await t.call('patients.create', { ...secondPatient, firstName: 'Rosa', lastName: 'Díaz', dateOfBirth: '1990-07-04', recordNumber: 'MRN-30556' });
    const consent = await signAuthorization(t.call, anh.id, completeTerms({ expiration: { kind: 'event', event: 'End of the campaign' } }), 'Rosa Díaz', frontDesk.password);
    await t.as(marketing);
    const testimonial = await t.call('testimonials.create', { patientId: anh.id, title: 'Stairs', quote: 'Up the stairs.' });
    const draft = await t.call('posts.create', { testimonialId: testimonial.id, consentId: consent.id, channel: 'instagram', caption: 'Up again', mediaIds: [], purpose: 'advertising', thirdPartyPays: false, extraContentKinds: [] });
    await t.call('posts.approve', { id: draft.id });
    await t.call('posts.publish', { id: draft.id, publishedOn: '2026-03-02', url: 'https://www.instagram.com/p/stairs' });
    await t.as(frontDesk);
    await t.call('consents.revoke', { id: consent.id, receivedOn: '2026-03-02', method: 'mail', note: '', scan: null });
    liveUncoveredId = draft.id;
    t.backend.close();
  });

  it('prints byte for byte what the in-memory commands printed, as JSON and as text', async () => {
    const before = await printedInMemory(dataDir);
    // One after another: this test is about what each prints. (Started all four at once, one of them
    // exited 2 once in CI at load ~5, its words not kept: an open finding about concurrent commands.)
    const consentsJson = await runConsentDesk(['consents', 'list', '--data-dir', dataDir, ...signIn, '--json'], adminPassword);
    const consentsText = await runConsentDesk(['consents', 'list', '--data-dir', dataDir, ...signIn], adminPassword);
    const postsJson = await runConsentDesk(['posts', 'check', '--data-dir', dataDir, ...signIn, '--json'], adminPassword);
    const postsText = await runConsentDesk(['posts', 'check', '--data-dir', dataDir, ...signIn], adminPassword);
    expect([consentsJson.code, consentsText.code], `${consentsJson.stderr}${consentsText.stderr}`).toEqual([0, 0]);
    expect(consentsJson.stdout).toBe(before.consentsJson);
    expect(consentsText.stdout).toBe(before.consentsText);
    expect((JSON.parse(consentsJson.stdout) as { authorizations: unknown[] }).authorizations).toHaveLength(3);

    for (const run of [postsJson, postsText]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`consent-desk: 1 live post without a valid, covering consent: ${liveUncoveredId}\n`);
    }
    expect(postsJson.stdout).toBe(before.postsJson);
    expect(postsText.stdout).toBe(before.postsText);
    expect(JSON.parse(postsJson.stdout)).toMatchObject({ uncoveredWhileLive: 1 });
  });

  it('prints an empty store as before', async () => {
    const empty = tempDataDir('cli-stream-empty');
    dirs.push(empty);
    const t = testBackend({ dataDir: empty });
    await t.call('setup.create', { practiceName: 'Empty Practice', adminUsername: 'admin', adminDisplayName: 'Pat Privacy', password: adminPassword });
    t.backend.close();
    const before = await printedInMemory(empty);
    for (const [args, expected] of [
      [['consents', 'list', '--json'], before.consentsJson],
      [['consents', 'list'], before.consentsText],
      [['posts', 'check', '--json'], before.postsJson],
      [['posts', 'check'], before.postsText],
    ] as const) {
      const run = await runConsentDesk([...args, '--data-dir', empty, ...signIn], adminPassword);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(expected);
    }
  });
});

/** Run the CLI and read its peak resident memory (testing/report-peak-rss.mjs), with stdout counted, not kept. */
function peakOf(args: string[]): Promise<CliRun & { peakMb: number; bytes: number }> {
  const file = path.join(tempDataDir('cli-peak'), 'peak');
  dirs.push(path.dirname(file));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', path.join(repoRoot, 'electron/cli/testing/report-peak-rss.mjs'), path.join(repoRoot, 'bin/consent-desk.mjs'), ...args], {
      env: { ...process.env, CONSENT_DESK_PEAK_RSS_FILE: file },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: '', stderr, bytes, peakMb: Number(fs.readFileSync(file, 'utf8')) / 2 ** 20 }));
    child.stdin.end(adminPassword);
  });
}

describe('on a store of 4,000 authorizations and 20,000 posts', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDataDir('cli-stream-large');
    dirs.push(dataDir);
    await copiedStore(dataDir, 4000);
  });

  it('consents list --json and posts check --json hold about what signing in holds, not the store (the in-memory commands held 150 to 190 MB more)', async () => {
    // `status` signs in and prints a few lines: the floor any command that opens the store pays.
    const floor = await peakOf(['status', '--data-dir', dataDir, ...signIn]);
    expect(floor.code).toBe(0);
    const consents = await peakOf(['consents', 'list', '--data-dir', dataDir, ...signIn, '--json']);
    const posts = await peakOf(['posts', 'check', '--data-dir', dataDir, ...signIn, '--json']);
    expect([consents.code, consents.stderr]).toEqual([0, '']);
    expect([posts.code, posts.stderr]).toEqual([0, '']);
    // Everything was printed (about 4 MB and 10 MB of JSON)…
    expect(consents.bytes).toBeGreaterThan(4000 * 900);
    expect(posts.bytes).toBeGreaterThan(20_000 * 450);
    // …holding little more than the floor.
    expect(consents.peakMb - floor.peakMb).toBeLessThan(60);
    expect(posts.peakMb - floor.peakMb).toBeLessThan(60);
  });
});
