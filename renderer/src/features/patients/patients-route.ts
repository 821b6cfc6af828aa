import { useMemo, useSyncExternalStore } from 'react';

/**
 * Where the Patients page stands, from the address's query
 * (`#/patients?patient=ID`), so every screen of it can be linked, reloaded
 * and reached with Back. The shell routes on the path (`/patients`) alone.
 */
export type PatientsRoute =
  | { view: 'search' }
  | { view: 'patient'; patientId: string }
  | { view: 'prepare'; patientId: string }
  | { view: 'draft'; authorizationId: string }
  | { view: 'authorization'; authorizationId: string; witnessed: boolean };

const base = '#/patients';

export const patientsHref = {
  search: () => base,
  patient: (patientId: string) => `${base}?patient=${encodeURIComponent(patientId)}`,
  prepare: (patientId: string) => `${base}?prepare=${encodeURIComponent(patientId)}`,
  draft: (authorizationId: string) => `${base}?draft=${encodeURIComponent(authorizationId)}`,
  authorization: (authorizationId: string, options: { witnessed?: boolean } = {}) =>
    `${base}?authorization=${encodeURIComponent(authorizationId)}${options.witnessed ? '&witnessed=1' : ''}`,
};

export function parsePatientsRoute(query: string): PatientsRoute {
  const params = new URLSearchParams(query);
  const authorization = params.get('authorization');
  if (authorization) return { view: 'authorization', authorizationId: authorization, witnessed: params.get('witnessed') === '1' };
  const draft = params.get('draft');
  if (draft) return { view: 'draft', authorizationId: draft };
  const prepare = params.get('prepare');
  if (prepare) return { view: 'prepare', patientId: prepare };
  const patient = params.get('patient');
  if (patient) return { view: 'patient', patientId: patient };
  return { view: 'search' };
}

function currentQuery(): string {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return hash.startsWith(`${base}?`) && at >= 0 ? hash.slice(at + 1) : '';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function usePatientsRoute(): PatientsRoute {
  const query = useSyncExternalStore(subscribe, currentQuery);
  return useMemo(() => parsePatientsRoute(query), [query]);
}

/** Go to another screen of the Patients page, as a link would. */
export function goToPatients(href: string): void {
  window.location.hash = href;
}

/**
 * Swap the address for another without a new history entry (a draft that
 * has just been saved for the first time gets its own address).
 */
export function replacePatientsRoute(href: string): void {
  window.history.replaceState(null, '', href);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
