import { completeTerms } from '../../../shared/authorization/test-terms';
import type { CallInput, CallName, CallOutput } from '../../../shared/contract';
import type { ExportJob } from '../../../shared/compliance/audit-bundle';
import { samplePatient, signAuthorization } from './consent-flow';
import { manualClock } from './manual-clock';
import { adminPassword, setUpStore } from './test-backend';

export const frontDesk = { username: 'frontdesk', password: 'front desk password' };
export const marketing = { username: 'marketing', password: 'marketing password' };
export const admin = { username: 'admin', password: adminPassword };

/** A patient whose name needs more than the standard PDF fonts and could end up in a file name. */
export const secondPatient = {
  ...samplePatient,
  firstName: 'Thị Ánh',
  lastName: 'Nguyễn',
  dateOfBirth: '1979-02-11',
  recordNumber: 'MRN-30555',
  email: null,
  phone: null,
  city: null,
};

/**
 * A small practice with what an audit looks at, all on 2 March 2026: two
 * signed authorizations, one of them revoked (with its acknowledgment), a
 * post published on the first and one published then taken down on the
 * second. The administrator is signed in at the end.
 */
export async function auditPractice(options: { dataDir?: string } = {}) {
  const clock = manualClock('2026-03-02T15:00:00.000Z');
  const t = await setUpStore({ now: clock.now, ...options });
  await t.call('staff.create', { ...frontDesk, displayName: 'Fran Front', role: 'frontdesk' });
  await t.call('staff.create', { ...marketing, displayName: 'Mo Market', role: 'marketing' });
  const as = async (who: { username: string; password: string }) => {
    await t.call('session.signOut', {});
    await t.call('session.signIn', who);
  };
  await as(frontDesk);
  const maria = await t.call('patients.create', samplePatient);
  const anh = await t.call('patients.create', secondPatient);
  const kept = await signAuthorization(t.call, maria.id, completeTerms({ expiration: { kind: 'date', date: '2027-06-30' } }), 'Maria Lopez', frontDesk.password);
  const revoked = await signAuthorization(t.call, anh.id, completeTerms({ expiration: { kind: 'date', date: '2026-04-15' } }), 'Thị Ánh Nguyễn', frontDesk.password);

  await as(marketing);
  const post = async (patientId: string, consentId: string, caption: string) => {
    const testimonial = await t.call('testimonials.create', { patientId, title: 'Back on the stairs', quote: 'I can climb stairs again.' });
    const draft = await t.call('posts.create', {
      testimonialId: testimonial.id,
      consentId,
      channel: 'facebook',
      caption,
      mediaIds: [],
      purpose: 'advertising',
      thirdPartyPays: false,
      extraContentKinds: [],
    });
    await t.call('posts.approve', { id: draft.id });
    return t.call('posts.publish', { id: draft.id, publishedOn: '2026-03-02', url: `https://www.facebook.com/practice/posts/${draft.id.slice(0, 8)}` });
  };
  // A caption an attacker would like a spreadsheet to run.
  const livePost = await post(maria.id, kept.id, '=HYPERLINK("http://evil.example","Maria says thanks")');
  const removedPost = await post(anh.id, revoked.id, 'Ánh is back on the stairs!');

  clock.advance(60 * 60_000);
  await as(frontDesk);
  await t.call('consents.revoke', { id: revoked.id, receivedOn: '2026-03-02', method: 'mail', note: '', scan: null });
  clock.advance(30 * 60_000);
  await as(marketing);
  await t.call('posts.recordTakedown', { id: removedPost.id });
  await as(admin);
  return { ...t, clock, as, maria, anh, kept, revoked, livePost, removedPost };
}

type Call = <K extends CallName>(name: K, input: CallInput<K>) => Promise<CallOutput<K>>;

/** Start an export and poll it to the end, recording every progress report. */
export async function exportAndWait(call: Call, input: CallInput<'exports.start'>): Promise<{ job: ExportJob; seen: ExportJob[] }> {
  let job = await call('exports.start', input);
  const seen = [job];
  while (job.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 20));
    job = await call('exports.progress', { id: job.id });
    seen.push(job);
  }
  return { job, seen };
}
