import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { completeTerms } from '../../../shared/authorization/test-terms';
import type { AuthorizationTerms } from '../../../shared/authorization/scope';
import { addDaysTo, formatDay, startOfDayIn } from '../../../shared/calendar';
import type { PatientFields } from '../../../shared/patients';
import type { PostDraft } from '../../../shared/posts/post';
import { exportAndWait } from '../testing/audit-practice';
import { samplePatient, signAuthorization } from '../testing/consent-flow';
import { manualClock } from '../testing/manual-clock';
import { pdfFlatText } from '../testing/pdf-tools';
import { adminPassword, rejection, setUpStore } from '../testing/test-backend';
import { readZip } from '../testing/zip-tools';

/**
 * Every case the issue found approved and published against a consent that
 * did not cover it, driven through the contract as the screens drive it.
 */
const frontDesk = { username: 'frontdesk', password: 'front desk password' };
const marketing = { username: 'marketing', password: 'marketing password' };
const admin = { username: 'admin', password: adminPassword };

const stores: { close(): void; dataDir: string }[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) {
    s.close();
    fs.rmSync(s.dataDir, { recursive: true, force: true });
  }
});

async function practice(options: { timeZone?: string; start?: string } = {}) {
  const clock = manualClock(options.start ?? '2026-11-29T17:00:00.000Z');
  const t = await setUpStore({ now: clock.now, workstationTimeZone: options.timeZone ?? 'America/New_York' });
  stores.push({ close: () => t.backend.close(), dataDir: t.dataDir });
  await t.call('staff.create', { ...frontDesk, displayName: 'Fran Front', role: 'frontdesk' });
  await t.call('staff.create', { ...marketing, displayName: 'Mo Market', role: 'marketing' });
  const as = async (who: typeof frontDesk) => {
    await t.call('session.signOut', {});
    await t.call('session.signIn', who);
  };
  /** A patient with a signed consent and a testimonial, ready for marketing; marketing is signed in at the end. */
  const patientWithConsent = async (terms: AuthorizationTerms, fields: Partial<PatientFields> = {}, quote = 'I can climb stairs again. Thank you all!') => {
    await as(frontDesk);
    const patient = await t.call('patients.create', { ...samplePatient, recordNumber: null, ...fields });
    const signer = terms.representative?.name ?? `${patient.firstName} ${patient.lastName}`;
    const consent = await signAuthorization(t.call, patient.id, terms, signer, frontDesk.password);
    await as(marketing);
    const testimonial = await t.call('testimonials.create', { patientId: patient.id, title: 'Back on the stairs', quote });
    return { patient, consent, testimonial };
  };
  const draft = (testimonialId: string, consentId: string, overrides: Partial<PostDraft> = {}): PostDraft => ({
    testimonialId,
    consentId,
    channel: 'facebook',
    caption: 'Maria is back on the stairs!',
    mediaIds: [],
    purpose: 'advertising',
    thirdPartyPays: false,
    extraContentKinds: [],
    ...overrides,
  });
  /** Create the post and try to approve it: the refusal's message, or null when approved. */
  const approval = async (d: PostDraft) => {
    const post = await t.call('posts.create', d);
    try {
      await t.call('posts.approve', { id: post.id });
      return { post, refused: null };
    } catch (error) {
      return { post, refused: (error as Error).message };
    }
  };
  return { ...t, clock, as, patientWithConsent, draft, approval };
}

describe('the cases the consent check used to approve', () => {
  it('refuses a caption naming a treatment under a consent without health information', async () => {
    const p = await practice();
    const { consent, testimonial } = await p.patientWithConsent(completeTerms());
    const d = p.draft(testimonial.id, consent.id, { caption: 'Maria is walking three miles a day after her knee replacement' });
    const check = await p.call('posts.check', d);
    expect(check.disclosures.find((x) => x.kind === 'health')).toMatchObject({ text: 'knee replacement', contentKind: 'health_condition' });
    const { refused } = await p.approval(d);
    expect(refused).toMatch(/cannot be approved.*The consent does not include the patient’s health condition or treatment\./);
  });

  it('refuses a full name inside a hashtag under a first-name-only consent', async () => {
    const p = await practice();
    const { consent, testimonial } = await p.patientWithConsent(completeTerms());
    const { refused } = await p.approval(p.draft(testimonial.id, consent.id, { caption: 'Stronger every day #MariaLopezStrong' }));
    expect(refused).toMatch(/The consent does not include the patient’s full name\./);
  });

  it('refuses "At 93" under a consent without age', async () => {
    const p = await practice();
    const { consent, testimonial } = await p.patientWithConsent(completeTerms(), { firstName: 'Walter', lastName: 'Brandt' });
    const { refused } = await p.approval(p.draft(testimonial.id, consent.id, { caption: 'At 93, Walter still walks to the market every morning.' }));
    expect(refused).toMatch(/The consent does not include the patient’s age\./);
  });

  it('refuses a caption that paraphrases the testimonial under a consent without written testimonial', async () => {
    const p = await practice();
    const terms = completeTerms({ scope: { ...completeTerms().scope, contentKinds: ['first_name', 'photographs'] } });
    const { consent, testimonial } = await p.patientWithConsent(terms);
    const { refused } = await p.approval(p.draft(testimonial.id, consent.id, { caption: 'Maria says stairs are no trouble any more.' }));
    expect(refused).toMatch(/The consent does not include the patient’s written testimonial\./);
  });

  it('blocks a date of birth and a record number until an administrator approves them with a reason, shown on the post and in posts.csv', async () => {
    const p = await practice();
    const { consent, testimonial } = await p.patientWithConsent(completeTerms(), { recordNumber: 'MRN-20417' });
    const caption = 'Maria, born 05/17/1984, record MRN-20417, is back on the stairs!';
    const { post, refused } = await p.approval(p.draft(testimonial.id, consent.id, { caption }));
    expect(refused).toMatch(/contains a date more precise than the year, a record, account or member number/);
    // Marketing may not decide this.
    expect((await rejection(p.call('posts.approveIdentifiers', { id: post.id, reason: 'The patient asked for her birthday to be mentioned.' }))).code).toBe('forbidden');
    await p.as(admin);
    expect((await rejection(p.call('posts.approveIdentifiers', { id: post.id, reason: 'ok' }))).code).toBe('validation');
    const decided = await p.call('posts.approveIdentifiers', { id: post.id, reason: 'The patient asked in writing for her birthday to be celebrated.' });
    expect(decided.identifiersApproval).toMatchObject({ byName: 'Pat Privacy', reason: 'The patient asked in writing for her birthday to be celebrated.' });
    const approved = await p.call('posts.approve', { id: post.id });
    expect(approved.state).toBe('approved');
    expect((await p.call('audit.list', { action: 'post.identifiers_approved' })).events[0]?.detail).toMatch(/^date, record_number; text SHA-256 [0-9a-f]{64}; reason: The patient asked/);
    await p.call('posts.publish', { id: post.id, publishedOn: '2026-11-29', url: 'https://www.facebook.com/riverside/posts/9' });
    const { job } = await exportAndWait(p.call, { from: '2026-11-01', to: '2026-11-30' });
    const csv = (await readZip(job.filePath!)).get('posts.csv')!.toString('utf8');
    const [header, row] = csv.trim().split(/\r?\n/);
    expect(header).toMatch(/,sponsor,identifiers_approved_by,identifiers_approved_at,identifiers_approval_reason$/);
    expect(row).toMatch(/,Pat Privacy,2026-11-29T17:00:00\.000Z,The patient asked in writing for her birthday to be celebrated\.$/);
    // An edit of the caption voids the decision.
    await p.as(marketing);
    const second = await p.call('posts.create', p.draft(testimonial.id, consent.id, { caption }));
    await p.as(admin);
    await p.call('posts.approveIdentifiers', { id: second.id, reason: 'The patient asked in writing for her birthday to be celebrated.' });
    const edited = await p.call('posts.update', { id: second.id, ...p.draft(testimonial.id, consent.id, { caption: `${caption} Call 555-201-3344.` }) });
    expect(edited.identifiersApproval).toBeNull();
    expect(edited.verdict.reasons.map((r) => r.code)).toContain('identifier');
  });

  it('refuses a parent of a minor for a 36-year-old and a 12-year-old alone; lets a recorded exception stand in', async () => {
    const p = await practice();
    await p.as(frontDesk);
    const adult = await p.call('patients.create', { ...samplePatient, dateOfBirth: '1990-06-15', recordNumber: null });
    const parentTerms = completeTerms({ representative: { name: 'Ana Lopez', authority: 'parent_of_minor', authorityDetail: '' } });
    const forAdult = await p.call('consents.createDraft', { patientId: adult.id, terms: parentTerms });
    expect(forAdult.problems.map((x) => x.message)).toEqual([expect.stringMatching(/^The patient is 36, of age .*a parent cannot sign as the parent of a minor/)]);
    expect((await rejection(p.call('consents.startPatientMode', { id: forAdult.id }))).message).toMatch(/Not ready to sign: The patient is 36/);

    const child = await p.call('patients.create', { ...samplePatient, firstName: 'Lucia', dateOfBirth: '2014-03-01', recordNumber: null });
    const alone = await p.call('consents.createDraft', { patientId: child.id, terms: completeTerms() });
    expect((await rejection(p.call('consents.startPatientMode', { id: alone.id }))).message).toMatch(/The patient is 12, under the age of majority \(18\): a parent or legal guardian must sign/);
    const exception = await p.call('consents.updateDraft', { id: alone.id, terms: completeTerms({ minorSignsAlone: { reason: 'Emancipated minor, court order 24-117' } }) });
    expect(exception.problems).toEqual([]);
    const byParent = await signAuthorization(p.call, child.id, parentTerms, 'Ana Lopez', frontDesk.password);
    expect(byParent.stage).toBe('final');
  });

  it('ends a parent’s authorization for new uses when the child turns 18: published posts are listed for review, new approvals refused, the record offers a new authorization', async () => {
    const p = await practice({ start: '2026-11-20T17:00:00.000Z' });
    const terms = completeTerms({ representative: { name: 'Ana Lopez', authority: 'parent_of_minor', authorityDetail: '' } });
    const { consent, testimonial } = await p.patientWithConsent(terms, { firstName: 'Maria', dateOfBirth: '2008-11-29' });
    const published = await p.call('posts.create', p.draft(testimonial.id, consent.id));
    await p.call('posts.approve', { id: published.id });
    await p.call('posts.publish', { id: published.id, publishedOn: '2026-11-20', url: 'https://www.facebook.com/riverside/posts/18' });
    const approvedOnly = await p.call('posts.create', p.draft(testimonial.id, consent.id));
    await p.call('posts.approve', { id: approvedOnly.id });

    // Her eighteenth birthday, in the practice's day (New York): 05:00 UTC on the 29th.
    p.clock.set('2026-11-29T05:00:00.000Z');
    await p.call('session.signIn', marketing);
    const dashboard = await p.call('posts.dashboard', {});
    expect(dashboard.takedownRequired).toEqual([]);
    expect(dashboard.reviewRequired.map((x) => x.id)).toEqual([published.id]);
    expect(dashboard.reviewRequired[0]).toMatchObject({ state: 'published', reviewReason: expect.stringMatching(/come of age.*listed for review rather than taken down/) });
    const posts = await p.call('posts.list', {});
    expect(posts.find((x) => x.id === approvedOnly.id)?.state).toBe('draft');
    const { refused } = await p.approval(p.draft(testimonial.id, consent.id));
    expect(refused).toMatch(/The patient has come of age since a parent signed this consent/);
    expect(JSON.stringify(dashboard)).not.toMatch(/2008-11-29|November 29, 2008/);
  });

  it('refuses a publication date before the consent was signed, before the approval, or in the future', async () => {
    const p = await practice();
    const { consent, testimonial } = await p.patientWithConsent(completeTerms());
    const post = await p.call('posts.create', p.draft(testimonial.id, consent.id));
    await p.call('posts.approve', { id: post.id });
    const publish = (publishedOn: string) => rejection(p.call('posts.publish', { id: post.id, publishedOn, url: 'https://www.facebook.com/riverside/posts/3' }));
    expect((await publish('2026-11-01')).message).toBe('The post was approved on November 29, 2026: it cannot have been published before that.');
    expect((await publish('2026-11-30')).message).toBe('The publication date cannot be in the future.');
    // Approved long ago, published late: a date before the consent existed is refused on its own account.
    p.clock.set('2026-12-20T17:00:00.000Z');
    await p.call('session.signIn', marketing);
    expect((await publish('2026-11-28')).message).toMatch(/before that/);
    expect((await rejection(p.call('consents.revoke', { id: consent.id, receivedOn: '2026-12-21', method: 'mail', note: '', scan: null }))).code).toBe('forbidden');
    await p.as(frontDesk);
    expect((await rejection(p.call('consents.revoke', { id: consent.id, receivedOn: '2026-12-21', method: 'mail', note: '', scan: null }))).message).toBe('The revocation cannot have arrived in the future.');
    expect((await rejection(p.call('consents.revoke', { id: consent.id, receivedOn: '2026-11-28', method: 'mail', note: '', scan: null }))).message).toBe('The revocation cannot have arrived before the authorization was signed.');
  });

  it('reports a post published after the revocation was received but before it was recorded, with both dates, and the letter dates it from receipt', async () => {
    const p = await practice();
    const { consent, testimonial } = await p.patientWithConsent(completeTerms());
    const post = await p.call('posts.create', p.draft(testimonial.id, consent.id));
    await p.call('posts.approve', { id: post.id });
    // The letter arrives on 1 December; nobody types it in yet. Marketing publishes on the 2nd.
    p.clock.set('2026-12-02T17:00:00.000Z');
    await p.call('session.signIn', marketing);
    await p.call('posts.publish', { id: post.id, publishedOn: '2026-12-02', url: 'https://www.facebook.com/riverside/posts/44' });
    p.clock.set('2026-12-04T15:00:00.000Z');
    await p.call('session.signIn', marketing);
    await p.as(frontDesk);
    const revoked = await p.call('consents.revoke', { id: consent.id, receivedOn: '2026-12-01', method: 'mail', note: '', scan: null });
    expect(revoked.revocation?.receivedOn).toBe('2026-12-01');
    const letter = pdfFlatText(Buffer.from((await p.call('consents.revocationPdf', { id: consent.id })).base64, 'base64'));
    expect(letter).toContain('The revocation took effect on December 1, 2026, the day Riverside Physical Therapy received it');
    expect(letter).toContain(
      'The practice’s Facebook page, published December 2, 2026, https://www.facebook.com/riverside/posts/44: to be taken down (published on or after the day the revocation was received)',
    );

    await p.as(admin);
    const list = await p.call('posts.list', {});
    expect(list.find((x) => x.id === post.id)).toMatchObject({
      state: 'takedown_required',
      takedownReason: expect.stringMatching(/^Published on December 2, 2026, on or after the day the revocation was received \(December 1, 2026\): it went out without a valid authorization\./),
    });
    const report = await p.call('reports.uncoveredPosts', {});
    expect(report.publishedWithoutCoverage).toEqual([expect.objectContaining({ postId: post.id, publishedOn: '2026-12-02', revocationReceivedOn: '2026-12-01' })]);
    const revocations = await p.call('reports.revocations', { from: '2026-12-01', to: '2026-12-31' });
    expect(revocations.rows[0]?.posts).toEqual([expect.objectContaining({ id: post.id, publishedAfterReceipt: true })]);
  });

  it('covers a sponsored post only under a consent naming that sponsor as the payer', async () => {
    const p = await practice();
    const terms = completeTerms({ remuneration: { thirdPartyPays: true, payer: 'Acme Orthopedics, Inc.' } });
    const { consent, testimonial } = await p.patientWithConsent(terms);
    const other = await p.approval(p.draft(testimonial.id, consent.id, { thirdPartyPays: true, sponsor: 'Zenith Implants' }));
    expect(other.refused).toMatch(/This post is paid for by Zenith Implants, but the consent names Acme Orthopedics, Inc\. as the one who pays\./);
    const unnamed = await p.approval(p.draft(testimonial.id, consent.id, { thirdPartyPays: true }));
    expect(unnamed.refused).toMatch(/name the sponsor/);
    const named = await p.approval(p.draft(testimonial.id, consent.id, { thirdPartyPays: true, sponsor: 'Acme Orthopedics' }));
    expect(named.refused).toBeNull();
  });
});

describe('the practice’s own day', () => {
  const zones = ['America/Los_Angeles', 'America/New_York', 'Pacific/Auckland'];
  /** An instant at a local time on a day in a zone. */
  const localTime = (day: string, hours: number, zone: string) => new Date(startOfDayIn(day, zone).getTime() + hours * 3_600_000).toISOString();

  it.each(zones)('prints the local day as “Date signed” at 4:30 pm, and records an evening revocation that evening, in %s', async (zone) => {
    const day = '2026-11-29';
    const p = await practice({ timeZone: zone, start: localTime(day, 16.5, zone) });
    expect((await p.call('settings.get', {})).timeZone).toBe(zone);
    const { consent } = await p.patientWithConsent(completeTerms());
    const pdf = pdfFlatText(Buffer.from((await p.as(frontDesk), await p.call('consents.pdf', { id: consent.id })).base64, 'base64'));
    expect(pdf).toContain(`Date signed ${formatDay(day, 'en')}`);
    expect(pdf).not.toContain(`Date signed ${formatDay(addDaysTo(day, 1), 'en')}`);
    // 7 pm: in Los Angeles the UTC day is already the 30th.
    p.clock.set(localTime(day, 19, zone));
    await p.call('session.signIn', frontDesk);
    const revoked = await p.call('consents.revoke', { id: consent.id, receivedOn: day, method: 'in_person', note: '', scan: null });
    expect(revoked).toMatchObject({ status: 'revoked', revocation: { receivedOn: day } });
    expect((await rejection(p.call('consents.recordExpirationEvent', { id: consent.id, occurredOn: addDaysTo(day, 1) }))).code).toBe('conflict');
  });

  it.each(zones)('expires a consent at local midnight in %s, not at UTC midnight', async (zone) => {
    const p = await practice({ timeZone: zone, start: localTime('2026-11-28', 12, zone) });
    const { consent, testimonial } = await p.patientWithConsent(completeTerms({ expiration: { kind: 'date', date: '2026-11-30' } }));
    const post = await p.call('posts.create', p.draft(testimonial.id, consent.id));
    await p.call('posts.approve', { id: post.id });
    await p.call('posts.publish', { id: post.id, publishedOn: '2026-11-28', url: 'https://example.org/p/1' });
    p.clock.set(new Date(startOfDayIn('2026-11-30', zone).getTime() - 60_000).toISOString());
    await p.call('session.signIn', marketing);
    expect((await p.call('posts.list', {}))[0]?.state).toBe('published');
    p.clock.set(startOfDayIn('2026-11-30', zone).toISOString());
    await p.call('session.signIn', marketing);
    expect((await p.call('posts.list', {}))[0]).toMatchObject({ state: 'takedown_required', takedownReason: 'This consent expired on November 30, 2026.' });
  });

  it('uses the practice’s zone, not the process’s, and an administrator may change it', async () => {
    const previous = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      const p = await practice({ timeZone: 'America/Los_Angeles', start: '2026-11-30T00:30:00.000Z' });
      const { consent } = await p.patientWithConsent(completeTerms());
      await p.as(frontDesk);
      expect(pdfFlatText(Buffer.from((await p.call('consents.pdf', { id: consent.id })).base64, 'base64'))).toContain('Date signed November 29, 2026');
      expect((await rejection(p.call('settings.update', { timeZone: 'Pacific/Auckland' }))).code).toBe('forbidden');
      await p.as(admin);
      expect((await rejection(p.call('settings.update', { timeZone: 'Mars/Olympus' }))).issues?.[0]?.message).toMatch(/Choose a time zone/);
      expect((await p.call('settings.update', { timeZone: 'Pacific/Auckland' })).timeZone).toBe('Pacific/Auckland');
      expect((await p.call('app.state', {})).timeZone).toBe('Pacific/Auckland');
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });
});
