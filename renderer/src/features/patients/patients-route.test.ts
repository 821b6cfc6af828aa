import { describe, expect, it } from 'vitest';
import { parsePatientsRoute, patientsHref } from './patients-route';

const id = '0b7d3c4e-1f2a-4b5c-8d6e-7f8091a2b3c4';
const queryOf = (href: string) => href.split('?')[1] ?? '';

describe('the Patients page’s addresses', () => {
  it('lead back to the screen they were made for', () => {
    expect(parsePatientsRoute(queryOf(patientsHref.search()))).toEqual({ view: 'search' });
    expect(parsePatientsRoute(queryOf(patientsHref.patient(id)))).toEqual({ view: 'patient', patientId: id });
    expect(parsePatientsRoute(queryOf(patientsHref.prepare(id)))).toEqual({ view: 'prepare', patientId: id });
    expect(parsePatientsRoute(queryOf(patientsHref.draft(id)))).toEqual({ view: 'draft', authorizationId: id });
    expect(parsePatientsRoute(queryOf(patientsHref.authorization(id)))).toEqual({ view: 'authorization', authorizationId: id, witnessed: false });
    expect(parsePatientsRoute(queryOf(patientsHref.authorization(id, { witnessed: true })))).toMatchObject({ witnessed: true });
  });

  it('fall back to the search for anything else', () => {
    expect(parsePatientsRoute('unknown=1')).toEqual({ view: 'search' });
  });
});
