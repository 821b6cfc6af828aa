import { beforeEach, describe, expect, it } from 'vitest';
import { completeTerms } from '../../../shared/authorization/test-terms';
import type { WorkGroup, WorkQueueKey } from '../../../shared/work-queues';
import { patientSignature, samplePatient, signAuthorization } from '../testing/consent-flow';
import { manualClock } from '../testing/manual-clock';
import { createClient } from '../../../shared/client';
import { newDemoClock, seedDemoStore } from '../../cli/demo-data';
import { rejection, setUpStore, tempDataDir, testBackend } from '../testing/test-backend';
import { testEngine } from '../testing/test-engine';

const frontDeskPassword = 'front desk password';
const demoPassword = 'demo password for everyone';

async function practice() {
  // 15:00 UTC is 09:00 in Chicago: the practice's day is 2026-11-29.
  const clock = manualClock('2026-11-29T15:00:00.000Z');
  const t = await setUpStore({ now: clock.now });
  await t.call('settings.update', { timeZone: 'America/Chicago' });
  await t.call('staff.create', { username: 'frontdesk', displayName: 'Fran Front', role: 'frontdesk', password: frontDeskPassword });
  await t.call('staff.create', { username: 'marketing', displayName: 'Mo Market', role: 'marketing', password: 'marketing password' });
  await t.call('session.signOut', {});
  await t.call('session.signIn', { username: 'frontdesk', password: frontDeskPassword });
  const maria = await t.call('patients.create', samplePatient);
  const ana = await t.call('patients.create', { ...samplePatient, firstName: 'Ana', lastName: 'Ruiz', recordNumber: null });
  return { ...t, clock, maria, ana };
}

let p: Awaited<ReturnType<typeof practice>>;
beforeEach(async () => {
  p = await practice();
});

/** Days later: the idle lock has long come, so sign in again. */
async function laterOn(iso: string) {
  await p.call('session.lock', { reason: 'manual' });
  p.clock.set(iso);
  await p.call('session.signIn', { username: 'frontdesk', password: frontDeskPassword });
}

const queue = (groups: WorkGroup[], key: WorkQueueKey) => groups.flatMap((g) => g.queues).find((q) => q.key === key);

describe('the work queues', () => {
  it('list the front desk’s drafts, signatures awaiting the witness, consents to renew and events to record, each with its target', async () => {
    const draft = await p.call('consents.createDraft', { patientId: p.maria.id, terms: completeTerms() });
    const toWitness = await p.call('consents.createDraft', { patientId: p.ana.id, terms: completeTerms() });
    await p.call('consents.startPatientMode', { id: toWitness.id });
    await p.call('consents.patientSign', patientSignature(toWitness, 'Ana Ruiz'));
    await p.call('session.exitPatientMode', { password: frontDeskPassword });
    const expiring = await signAuthorization(p.call, p.maria.id, completeTerms({ expiration: { kind: 'date', date: '2026-12-20' } }), 'Maria Lopez', frontDeskPassword);
    await signAuthorization(p.call, p.maria.id, completeTerms({ expiration: { kind: 'date', date: '2027-06-30' } }), 'Maria Lopez', frontDeskPassword);
    const withEvent = await signAuthorization(p.call, p.ana.id, completeTerms({ expiration: { kind: 'event', event: 'the end of my treatment' } }), 'Ana Ruiz', frontDeskPassword);

    const groups = await p.call('home.workQueues', {});
    expect(groups.map((g) => g.key)).toEqual(['front_desk']);
    expect(queue(groups, 'drafts_to_sign')).toEqual({
      key: 'drafts_to_sign',
      count: 1,
      items: [{ target: { kind: 'draft', id: draft.id }, patientName: 'Maria Lopez', channel: null, since: '2026-11-29', due: null }],
    });
    expect(queue(groups, 'awaiting_witness')?.items.map((i) => [i.target, i.patientName])).toEqual([[{ kind: 'authorization', id: toWitness.id }, 'Ana Ruiz']]);
    expect(queue(groups, 'expiring_soon')?.items.map((i) => [i.target.id, i.due])).toEqual([[expiring.id, '2026-12-20']]);
    expect(queue(groups, 'events_to_record')?.items.map((i) => i.target.id)).toEqual([withEvent.id]);

    // No stored counter: witnessing, recording the event and the days passing change the queues at once.
    await p.call('consents.witness', { id: toWitness.id, password: frontDeskPassword });
    await p.call('consents.recordExpirationEvent', { id: withEvent.id, occurredOn: '2026-11-29' });
    await laterOn('2026-12-21T15:00:00.000Z');
    const later = await p.call('home.workQueues', {});
    expect(queue(later, 'awaiting_witness')?.count).toBe(0);
    expect(queue(later, 'events_to_record')?.count).toBe(0);
    // 2026-12-20 has passed; 2027-06-30 is more than 30 days away.
    expect(queue(later, 'expiring_soon')?.count).toBe(0);
    await laterOn('2027-06-01T15:00:00.000Z');
    // Ana's (witnessed above) and the second of Maria's end on 2027-06-30; the draft is not in effect.
    const june = queue(await p.call('home.workQueues', {}), 'expiring_soon')!;
    expect(june.items.map((i) => [i.patientName, i.due]).sort()).toEqual([
      ['Ana Ruiz', '2027-06-30'],
      ['Maria Lopez', '2027-06-30'],
    ]);
  });

  it('count everything but list the first few, oldest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push((await p.call('consents.createDraft', { patientId: p.maria.id, terms: completeTerms() })).id);
      p.clock.advance(1000);
    }
    const drafts = queue(await p.call('home.workQueues', {}), 'drafts_to_sign')!;
    expect(drafts.count).toBe(12);
    expect(drafts.items.map((i) => i.target.id)).toEqual(ids.slice(0, 10));
  });

  it('show each role its own groups, and marketing no front-desk work', async () => {
    await p.call('consents.createDraft', { patientId: p.maria.id, terms: completeTerms() });
    await p.call('session.signOut', {});
    await p.call('session.signIn', { username: 'marketing', password: 'marketing password' });
    const marketing = await p.call('home.workQueues', {});
    expect(marketing.map((g) => g.key)).toEqual(['marketing']);
    expect(marketing[0]!.queues.map((q) => q.key)).toEqual(['takedowns_required', 'posts_to_review', 'posts_to_approve', 'posts_to_publish']);
    expect(JSON.stringify(marketing)).not.toContain('Maria');
    await p.call('session.signOut', {});
    expect((await rejection(p.call('home.workQueues', {}))).code).toBe('unauthorized');
  });
});

describe('the privacy office’s queue of live posts without coverage', () => {
  // Disables an account, which rotates the data key: the server's rekey is not built yet (design doc, section 3).
  it.skipIf(testEngine === 'postgres')('reads the kept verdicts and lists exactly what the uncovered-posts report says is up without cover today', async () => {
    const clock = newDemoClock();
    const { backend } = testBackend({ dataDir: tempDataDir('work-queue-demo'), now: clock.now });
    try {
      const api = createClient((name, input) => backend.invoke(name, input));
      await seedDemoStore(api, demoPassword, clock);
      await api['session.signIn']({ username: 'admin', password: demoPassword });
      const report = await api['reports.uncoveredPosts']({});
      const live = queue(await api['home.workQueues']({}), 'live_without_coverage')!;
      // The demo keeps one post up that its consent does not cover: the queue must not be empty by accident.
      expect(report.liveWithoutCoverage.length).toBeGreaterThan(0);
      expect(live.count).toBe(report.liveWithoutCoverage.length);
      expect(live.items.map((i) => [i.target.id, i.patientName, i.channel, i.since])).toEqual(
        report.liveWithoutCoverage.map((p) => [p.postId, p.patientName, p.channel, p.publishedOn]),
      );
    } finally {
      backend.close();
    }
  });
});
