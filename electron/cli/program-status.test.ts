import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramStatus } from '../../shared/program/program-status';
import { shownPolicySha256 } from '../backend/testing/program-practice';
import { tempDataDir, testBackend } from '../backend/testing/test-backend';
import { lines, runConsentDesk } from './testing/cli-process';

/**
 * `consent-desk program status` on the real demo store, which has overdue
 * items by design (demo/demo-program.ts): a front-desk member who never
 * acknowledged the current policy nor came to the refresher training, and
 * Facebook's review of last month, missed. Resolving them through the
 * contract, as the people concerned would in the app, makes it exit 0.
 */
const password = 'demo password for everyone';
const root = tempDataDir('cli-program');
const dataDir = path.join(root, 'store');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  const run = await runConsentDesk(['demo', '--data-dir', dataDir, '--password-stdin'], `${password}\n`);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
}, 240_000);

const status = (user: string, ...more: string[]) => runConsentDesk(['program', 'status', '--data-dir', dataDir, '--user', user, '--password-stdin', ...more], password);

describe('consent-desk program status', () => {
  it('exits 1 on the demo store, naming each overdue item', async () => {
    const run = await status('admin', '--json');
    expect(run.code).toBe(1);
    const parsed = JSON.parse(run.stdout) as ProgramStatus;
    expect(parsed.overdue).toBe(true);
    expect(parsed.policy.version).toBe(2);
    expect(parsed.problems).toEqual([
      'Jordan Park (jpark) has not acknowledged the social-media policy (version 2).',
      expect.stringMatching(/^Jordan Park \(jpark\): training was due \d{4}-\d{2}-\d{2} \(last trained \d{4}-\d{2}-\d{2}\)\.$/),
      expect.stringMatching(/^Facebook: the review of \d{4}-\d{2}-01 to \d{4}-\d{2}-\d{2} was missed \(assigned to Theo Lindqvist\)\.$/),
    ]);
    expect(parsed.incidents.map((i) => [i.trigger, i.state, i.clock.overdue])).toEqual([['takedown_required', 'open', []]]);
    expect(parsed.reviews.map((r) => r.channel).sort()).toEqual(['facebook', 'instagram', 'website']);
    expect(lines(run.stderr)).toEqual(['consent-desk: 3 overdue items in the compliance program.']);

    const text = await status('admin');
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^Policy: version 2, in force since /m);
    expect(text.stdout).toMatch(/^ {2}jpark {6}policy: Not acknowledged; training: Overdue/m);
    expect(text.stdout).toContain('Overdue (3):');
  });

  it('is for administrators: marketing is refused with exit 2', async () => {
    const run = await status('marketing');
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/Your role \(Marketing\) does not allow you to manage the social-media policy/)]);
  });

  it('exits 0 once the acknowledgment, the training and the review are done', async () => {
    const { call, backend } = testBackend({ dataDir });
    try {
      await call('session.signIn', { username: 'jpark', password });
      const mine = await call('program.mine', {});
      await call('policy.acknowledge', { versionId: mine.policy!.id, language: 'en', textSha256: shownPolicySha256(mine.policy!, 'en', mine.practiceName), password });
      await call('session.signOut', {});

      await call('session.signIn', { username: 'admin', password });
      const jpark = (await call('staff.list', {})).find((s) => s.username === 'jpark')!;
      const today = (await call('program.status', {})).asOf;
      await call('training.record', { heldOn: today, topic: 'Catch-up: social media and patient privacy', trainer: 'Dana Whitfield', notes: '', attendeeIds: [jpark.id], materials: [] });
      await call('session.signOut', {});

      await call('session.signIn', { username: 'marketing', password });
      const overview = await call('channelReviews.overview', {});
      const facebook = overview.schedules.find((s) => s.channel === 'facebook')!;
      const missed = facebook.periods.find((p) => p.state === 'missed')!;
      const checklist = await call('channelReviews.checklist', { scheduleId: facebook.id, periodStart: missed.start });
      await call('channelReviews.complete', {
        scheduleId: facebook.id,
        periodStart: missed.start,
        confirmations: checklist.posts.map((p) => ({ postId: p.id, outcome: p.covered ? ('still_covered' as const) : ('action_taken' as const), note: p.covered ? '' : 'Must come down: told the privacy officer.' })),
        removedComments: [],
        notes: 'Done late.',
      });
    } finally {
      backend.close();
    }
    const run = await status('admin');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Nothing is overdue.');
  });
});
