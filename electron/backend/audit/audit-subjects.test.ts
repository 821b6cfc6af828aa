import { describe, expect, it } from 'vitest';
import { completeTerms } from '../../../shared/authorization/test-terms';
import { samplePatient } from '../testing/consent-flow';
import { setUpStore } from '../testing/test-backend';

describe('audit subjects', () => {
  it('read as names: the staff member, the patient, the patient an authorization is about; a discarded draft by its id', async () => {
    const t = await setUpStore();
    const staff = await t.call('staff.create', { username: 'frontdesk', displayName: 'Fran Front', role: 'frontdesk', password: 'front desk password' });
    const patient = await t.call('patients.create', samplePatient);
    const draft = await t.call('consents.createDraft', { patientId: patient.id, terms: completeTerms() });
    const discarded = await t.call('consents.createDraft', { patientId: patient.id, terms: completeTerms() });
    await t.call('consents.discardDraft', { id: discarded.id });
    const { events } = await t.call('audit.list', {});
    const named = (id: string) => events.filter((e) => e.subjectId === id).map((e) => e.subjectName);
    expect(new Set(named(staff.id))).toEqual(new Set(['Fran Front (frontdesk)']));
    expect(new Set(named(patient.id))).toEqual(new Set(['Maria Lopez']));
    expect(new Set(named(draft.id))).toEqual(new Set(['Authorization for Maria Lopez']));
    expect(new Set(named(discarded.id))).toEqual(new Set([null]));
    // The same in parts, for the screens to word in the staff member's language.
    const parts = (id: string) => events.filter((e) => e.subjectId === id).map((e) => e.subject);
    expect(new Set(parts(draft.id).map((s) => JSON.stringify(s)))).toEqual(new Set([JSON.stringify({ kind: 'authorization', patientName: 'Maria Lopez' })]));
    expect(parts(staff.id)[0]).toEqual({ kind: 'staff', name: 'Fran Front', username: 'frontdesk' });
    expect(new Set(parts(discarded.id))).toEqual(new Set([null]));
    // The names are read, not chained: the chain still verifies.
    expect((await t.call('audit.verify', {})).intact).toBe(true);
  });
});
