import { useState } from 'react';
import { flushSync } from 'react-dom';
import type { AuthorizationDetail } from '../../../../shared/authorization/record';
import { AuthorizationEditorView } from '../consents/AuthorizationEditorView';
import { AuthorizationPage } from '../consents/AuthorizationPage';
import { PatientRecordView } from './PatientRecordView';
import { PatientSearchView } from './PatientSearchView';
import { patientsHref, replacePatientsRoute, usePatientsRoute, type PatientsRoute } from './patients-route';

function keyOf(route: PatientsRoute): string {
  switch (route.view) {
    case 'search':
      return 'search';
    case 'patient':
      return `patient:${route.patientId}`;
    case 'prepare':
      return `prepare:${route.patientId}`;
    case 'draft':
      return `draft:${route.authorizationId}`;
    case 'authorization':
      return `authorization:${route.authorizationId}`;
  }
}

/**
 * The front desk's page: find or add a patient, open their record, prepare
 * an authorization and follow it to the end. Each screen has its own
 * address under `#/patients`, and its own heading that takes the focus.
 */
export function PatientsPage() {
  const route = usePatientsRoute();
  // A draft saved for the first time gets its own address, but stays the same screen.
  const [sameScreenAs, setSameScreenAs] = useState<Record<string, string>>({});
  const key = sameScreenAs[keyOf(route)] ?? keyOf(route);

  const onCreated = (draft: AuthorizationDetail) => {
    const from = key;
    flushSync(() => setSameScreenAs((prev) => ({ ...prev, [`draft:${draft.id}`]: from })));
    replacePatientsRoute(patientsHref.draft(draft.id));
  };

  switch (route.view) {
    case 'search':
      return <PatientSearchView key={key} />;
    case 'patient':
      return <PatientRecordView key={key} patientId={route.patientId} />;
    case 'prepare':
      return <AuthorizationEditorView key={key} patientId={route.patientId} draftId={null} onCreated={onCreated} />;
    case 'draft':
      return <AuthorizationEditorView key={key} patientId={null} draftId={route.authorizationId} onCreated={onCreated} />;
    case 'authorization':
      return <AuthorizationPage key={key} authorizationId={route.authorizationId} witnessed={route.witnessed} />;
  }
}
