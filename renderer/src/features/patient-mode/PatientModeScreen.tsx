import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { forgetPlace, placeOf, rememberPlace } from './patient-mode-place';
import { PatientSignForm } from './PatientSignForm';
import './patient-mode.css';
import { i18n } from '../../i18n/i18n';

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
  const [allShown, setAllShown] = useState(() => placeOf(authorizationId).allShown);
  const documentEnd = useRef<HTMLDivElement>(null);
  const ready = authorization !== null;

  // Back where the patient was (after a pause), then keep track of it.
  useEffect(() => {
    if (!ready) return;
    window.scrollTo(0, placeOf(authorizationId).scrollY);
    // Only while the document is on the page: once the lock has replaced it, the shorter page scrolls to the top by itself.
    const onScroll = () => {
      if (documentEnd.current?.isConnected) rememberPlace(authorizationId, { scrollY: window.scrollY });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, [ready, authorizationId]);

  // The Sign button says when the end of the text has been on screen.
  useEffect(() => {
    const end = documentEnd.current;
    if (!ready || !end || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        setAllShown(true);
        rememberPlace(authorizationId, { allShown: true });
        observer.disconnect();
      }
    });
    observer.observe(end);
    return () => observer.disconnect();
  }, [ready, authorizationId]);

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
              <PageHeading>{i18n.t('consents:patientModeScreen.patientMode')}</PageHeading>
              <StatusMessage tone="problem">{error}</StatusMessage>
            </>
          ) : (
            <p aria-busy="true">{i18n.t('common:loading')}</p>
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
        <div ref={documentEnd} className="patient-document-end" aria-hidden="true" />
        {authorization.stage === 'draft' ? (
          <PatientSignForm authorization={authorization} text={text} allShown={allShown} onSigned={setSigned} />
        ) : (
          <ThankYou heading={text.thanksHeading} message={text.thanks} />
        )}
      </main>
      <StaffArea
        authorization={authorization}
        onWitnessed={(final) => {
          // Patient mode has ended: the signed-in app opens on the final authorization.
          forgetPlace(final.id);
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
  // In the staff member's language, whatever language the patient reads in.
  const { t, i18n } = useTranslation('consents');
  return (
    <aside className="patient-mode-staff" aria-labelledby="staff-area-heading" lang={i18n.language}>
      <h2 id="staff-area-heading">{t('patientModeStaff.forStaff')}</h2>
      {authorization?.stage === 'signed' ? (
        <WitnessForm authorizationId={authorization.id} headingLevel={3} onWitnessed={onWitnessed} />
      ) : (
        <p>{t('patientModeStaff.whenThePatientHasSigned')}</p>
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
