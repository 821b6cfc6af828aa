import { patientCopyLabel, patientLabels } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useCallback, useMemo, useState } from 'react';
import { formatDay } from '../../i18n/format';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useLoaded } from '../../components/use-loaded';
import { patientsHref } from '../patients/patients-route';
import { AuthorizationActions, type ActionOutcome } from './AuthorizationActions';
import { dayOfInstant, expirationText, languageText, momentOfInstant } from './authorization-text';
import { DocumentView } from './DocumentView';
import { RevocationScanButton } from './RevocationScanButton';
import { StatusBadge } from './StatusBadge';
import { WitnessForm } from './WitnessForm';
import '../patients/patients.css';
import './consents.css';
import { i18n } from '../../i18n/i18n';

const witnessedOutcome = (): ActionOutcome => ({ message: i18n.t('consents:authorizationPage.witnessed'), tone: 'success' });

/** One authorization: its state and evidence, what can be done with it, and the document as the patient saw it. */
export function AuthorizationPage({ authorizationId, witnessed }: { authorizationId: string; witnessed: boolean }) {
  const { t } = useTranslation(['consents', 'common']);
  const api = useApi();
  const load = useCallback(() => api['consents.get']({ id: authorizationId }), [api, authorizationId]);
  const refreshOn = useMemo(() => ({ tables: ['authorizations'] as const, ids: { table: 'authorizations' as const, ids: [authorizationId] } }), [authorizationId]);
  const { value: a, error, reload } = useLoaded(load, refreshOn);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(witnessed ? witnessedOutcome() : null);

  if (error && !a) {
    return (
      <>
        <PageHeading>{t('authorizationPage.authorization')}</PageHeading>
        <StatusMessage tone="problem">{error}</StatusMessage>
        <a href={patientsHref.search()}>{t('authorizationPage.backToPatients')}</a>
      </>
    );
  }
  if (!a) return <p aria-busy="true">{t('authorizationPage.loadingTheAuthorization')}</p>;

  const onOutcome = (next: ActionOutcome, changed: boolean) => {
    setOutcome(next);
    if (changed) reload();
  };

  return (
    <>
      <a className="back-link" href={patientsHref.patient(a.patientId)}>
        {t('authorizationPage.backToRecord', { name: a.patientName })}
      </a>
      <PageHeading>{t('authorizationPage.authorizationFor')} {a.patientName}</PageHeading>
      <StatusMessage tone={outcome?.tone ?? 'info'}>{outcome?.message}</StatusMessage>
      <section className="card authorization-summary" aria-labelledby="authorization-summary-heading">
        <h2 id="authorization-summary-heading">{t('authorizationPage.summary')}</h2>
        <dl className="details-list">
          <dt>{t('authorizationPage.status')}</dt>
          <dd>
            <StatusBadge status={a.status} />
          </dd>
          <dt>{t('authorizationPage.language')}</dt>
          <dd>{languageText(a)}</dd>
          <dt>{t('authorizationPage.ends')}</dt>
          <dd>{expirationText(a)}</dd>
          <dt>{t('authorizationPage.prepared')}</dt>
          <dd>{dayOfInstant(a.createdAt)}</dd>
          {a.evidence ? (
            <>
              <dt>{t('authorizationPage.signed')}</dt>
              <dd>
                {t('authorizationPage.by')} {a.evidence.signerName},{' '}
                {a.evidence.method === 'paper' && a.evidence.paperSignedOn
                  ? t('authorizationPage.onPaperDated', { day: formatDay(a.evidence.paperSignedOn) })
                  : momentOfInstant(a.evidence.signedAt)}
                {a.terms.representative ? ` ${t('authorizationPage.forThePatientAs', { name: a.terms.representative.name })}` : ''}
                {a.evidence.signatureKind === 'typed' ? t('authorizationPage.typedSignature') : ''}
              </dd>
              {a.evidence.scan ? (
                <>
                  <dt>{t('authorizationPage.scanOfThePaper')}</dt>
                  <dd>
                    {a.evidence.scan.mimeType === 'application/pdf' ? t('authorizationPage.pdf') : a.evidence.scan.mimeType === 'image/png' ? t('authorizationPage.pngImage') : t('authorizationPage.jpegImage')},{' '}
                    {a.evidence.scan.pages === 1 ? t('authorizationPage.1Page') : t('authorizationPage.pages', { count: a.evidence.scan.pages })}{t('authorizationPage.keptInTheSignedPdf')}
                  </dd>
                </>
              ) : null}
              <dt>{a.evidence.method === 'paper' ? t('authorizationPage.attestedBy') : t('authorizationPage.witness')}</dt>
              <dd>{a.evidence.witnessName && a.evidence.witnessedAt ? `${a.evidence.witnessName}, ${momentOfInstant(a.evidence.witnessedAt)}` : t('authorizationPage.notYet')}</dd>
            </>
          ) : null}
          {a.stage === 'final' ? (
            <>
              <dt>{t('authorizationPage.patientSCopy')}</dt>
              <dd>
                {a.patientCopy
                  ? `${patientCopyLabel(a.patientCopy.method)}: ${a.patientCopy.recordedBy.displayName}, ${momentOfInstant(a.patientCopy.recordedAt)}`
                  : t('authorizationPage.notGivenYetPrintIt')}
              </dd>
            </>
          ) : null}
          {a.pdfSha256 ? (
            <>
              <dt>{t('authorizationPage.pdfSha256')}</dt>
              <dd className="hash">{a.pdfSha256}</dd>
            </>
          ) : null}
          {a.revocation ? (
            <>
              <dt>{t('authorizationPage.revocation')}</dt>
              <dd>
                {t('authorizationPage.received')} {formatDay(a.revocation.receivedOn)} ({patientLabels().revocationMethods[a.revocation.method].toLowerCase()}{t('authorizationPage.recordedBy')}{' '}
                {a.revocation.enteredBy} {momentOfInstant(a.revocation.recordedAt)}
                {a.revocation.hasScan ? t('authorizationPage.scanAttached') : ''}
                {a.revocation.note ? t('authorizationPage.revocationNote', { note: a.revocation.note }) : ''}
                {a.revocation.hasScan ? (
                  <>
                    {' '}
                    <RevocationScanButton authorizationId={a.id} receivedOn={formatDay(a.revocation.receivedOn)} onOutcome={setOutcome} />
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
          <dt>{t('authorizationPage.wording')}</dt>
          <dd>{t('authorizationPage.templateVersion')} {a.templateVersion}</dd>
        </dl>
        <AuthorizationActions authorization={a} layout="page" onOutcome={onOutcome} />
      </section>
      {a.stage === 'signed' ? (
        <div className="card">
          <WitnessForm
            authorizationId={a.id}
            onWitnessed={() => {
              setOutcome(witnessedOutcome());
              reload();
            }}
          />
        </div>
      ) : null}
      <section className="card authorization-document" aria-labelledby="authorization-document-heading">
        <h2 id="authorization-document-heading">{a.stage === 'draft' ? t('authorizationPage.theDocumentAsItStands') : t('authorizationPage.theDocumentThePatientSigned')}</h2>
        <DocumentView document={a.document} titleLevel={3} />
      </section>
    </>
  );
}
