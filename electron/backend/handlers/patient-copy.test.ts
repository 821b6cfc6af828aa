import { describe, expect, it } from 'vitest';
import { completeTerms } from '../../../shared/authorization/test-terms';
import { samplePatient, signAuthorization } from '../testing/consent-flow';
import { manualClock } from '../testing/manual-clock';
import { adminPassword, rejection, setUpStore } from '../testing/test-backend';

async function signedAuthorization() {
  const clock = manualClock('2026-11-29T15:00:00.000Z');
  const t = await setUpStore({ now: clock.now });
  const patient = await t.call('patients.create', samplePatient);
  const final = await signAuthorization(t.call, patient.id, completeTerms(), 'Maria Lopez', adminPassword);
  return { ...t, clock, patient, final };
}

describe('the patient’s copy of a signed authorization', () => {
  it('is recorded on the authorization (the latest entry) and every entry in the audit trail', async () => {
    const p = await signedAuthorization();
    expect(p.final.patientCopy).toBeNull();

    const declined = await p.call('consents.recordPatientCopy', { id: p.final.id, method: 'declined' });
    expect(declined.patientCopy).toMatchObject({ method: 'declined', recordedAt: '2026-11-29T15:00:00.000Z', recordedBy: { displayName: expect.any(String) } });

    p.clock.advance(60_000);
    await p.call('consents.recordPatientCopy', { id: p.final.id, method: 'printed' });
    const again = await p.call('consents.get', { id: p.final.id });
    expect(again.patientCopy).toMatchObject({ method: 'printed', recordedAt: '2026-11-29T15:01:00.000Z' });
    // The signed record itself is untouched.
    expect(again.pdfSha256).toBe(p.final.pdfSha256);
    expect(again.evidence).toEqual(p.final.evidence);

    const events = (await p.call('audit.list', { action: 'consent.patient_copy_recorded' })).events;
    expect(events.map((e) => [e.subjectId, e.detail])).toEqual([
      [p.final.id, 'printed'],
      [p.final.id, 'declined'],
    ]);
  });

  it('is refused for a draft and for a method that is not one of the three', async () => {
    const p = await signedAuthorization();
    const draft = await p.call('consents.createDraft', { patientId: p.patient.id, terms: completeTerms() });
    expect((await rejection(p.call('consents.recordPatientCopy', { id: draft.id, method: 'printed' }))).code).toBe('conflict');
    const bad = await rejection(p.call('consents.recordPatientCopy', { id: p.final.id, method: 'emailed' as 'printed' }));
    expect(bad).toMatchObject({ code: 'validation', issues: [{ path: 'method' }] });
  });

  it('is recorded only by staff who may write consents', async () => {
    const p = await signedAuthorization();
    await p.call('staff.create', { username: 'marketing', displayName: 'Mo Market', role: 'marketing', password: 'marketing password' });
    await p.call('session.signOut', {});
    await p.call('session.signIn', { username: 'marketing', password: 'marketing password' });
    expect((await rejection(p.call('consents.recordPatientCopy', { id: p.final.id, method: 'saved' }))).code).toBe('forbidden');
  });
});
