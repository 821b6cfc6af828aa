import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuthorizationDetail } from '../../../../shared/authorization/record';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useLoaded } from '../../components/use-loaded';
import { DocumentView } from '../consents/DocumentView';
import { WitnessForm } from '../consents/WitnessForm';
import { goToPatients, patientsHref } from '../patients/patients-route';
import { useAppState } from '../session/app-state-context';
import { LeavePatientMode } from './LeavePatientMode';
import { patientModeText } from './patient-mode-text';
import { PatientSignForm } from './PatientSignForm';
import './patient-mode.css';

/**
 * The screen handed to the patient: only the authorization, in large type
 * and in its language, then the signature. Nothing else of the app is
 * reachable (the backend refuses every other call too); staff take the
 * screen back as witness, or with their password.
 */
export function PatientModeScreen({ authorizationId }: { authorizationId: string }) {
  const api = useApi();
  const { state, refresh } = useAppState();
  const load = useCallback(() => api['consents.get']({ id: authorizationId }), [api, authorizationId]);
  const { value: loaded, error } = useLoaded(load);
  const [signed, setSigned] = useState<AuthorizationDetail | null>(null);
  const authorization = signed ?? loaded;

  useEffect(() => {
    document.title = 'Authorization – Consent Desk';
    return () => {
      document.title = 'Consent Desk';
    };
  }, []);

  if (!authorization) {
    return (
      <div className="patient-mode">
        <main className="patient-mode-main">
          {error ? (
            <>
              <PageHeading>Patient mode</PageHeading>
              <StatusMessage tone="problem">{error}</StatusMessage>
            </>
          ) : (
            <p aria-busy="true">Loading…</p>
          )}
        </main>
        <StaffArea authorization={null} onWitnessed={() => undefined} />
      </div>
    );
  }

  const text = patientModeText[authorization.language];
  return (
    <div className="patient-mode">
      <header className="patient-mode-header" lang={authorization.language}>
        {state.practiceName ? <p className="patient-mode-practice">{state.practiceName}</p> : null}
        <p className="patient-mode-banner">{text.banner}</p>
      </header>
      <main className="patient-mode-main" lang={authorization.language}>
        <DocumentView document={authorization.document} titleLevel={1} size="large" />
        {authorization.stage === 'draft' ? (
          <PatientSignForm authorization={authorization} text={text} onSigned={setSigned} />
        ) : (
          <ThankYou heading={text.thanksHeading} message={text.thanks} />
        )}
      </main>
      <StaffArea
        authorization={authorization}
        onWitnessed={(final) => {
          // Patient mode has ended: the signed-in app opens on the final authorization.
          goToPatients(patientsHref.authorization(final.id, { witnessed: true }));
          void refresh();
        }}
      />
    </div>
  );
}

function ThankYou({ heading, message }: { heading: string; message: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="patient-thanks" aria-labelledby="patient-thanks-heading">
      <h2 id="patient-thanks-heading" ref={ref} tabIndex={-1}>
        {heading}
      </h2>
      <p>{message}</p>
    </section>
  );
}

function StaffArea({ authorization, onWitnessed }: { authorization: AuthorizationDetail | null; onWitnessed: (final: AuthorizationDetail) => void }) {
  return (
    <aside className="patient-mode-staff" aria-labelledby="staff-area-heading" lang="en">
      <h2 id="staff-area-heading">For staff</h2>
      {authorization?.stage === 'signed' ? (
        <WitnessForm authorizationId={authorization.id} headingLevel={3} onWitnessed={onWitnessed} />
      ) : (
        <p>When the patient has signed, confirm here as witness. To take the screen back before that, use Leave patient mode.</p>
      )}
      <LeavePatientMode
        returnTo={
          authorization === null
            ? patientsHref.search()
            : authorization.stage === 'draft'
              ? patientsHref.draft(authorization.id)
              : patientsHref.authorization(authorization.id)
        }
      />
    </aside>
  );
}
