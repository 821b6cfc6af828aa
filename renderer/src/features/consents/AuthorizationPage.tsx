import { useCallback, useState } from 'react';
import { patientCopyLabels } from '../../../../shared/authorization/patient-copy';
import { revocationMethodLabels } from '../../../../shared/authorization/record';
import { formatDay } from '../../../../shared/calendar';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useLoaded } from '../../components/use-loaded';
import { patientsHref } from '../patients/patients-route';
import { AuthorizationActions, type ActionOutcome } from './AuthorizationActions';
import { dayOfInstant, expirationText, languageText, momentOfInstant } from './authorization-text';
import { DocumentView } from './DocumentView';
import { StatusBadge } from './StatusBadge';
import { WitnessForm } from './WitnessForm';
import '../patients/patients.css';
import './consents.css';

const witnessedOutcome: ActionOutcome = {
  message: 'Witnessed: the authorization is final and its PDF is signed. Save the patient’s copy or print it for them.',
  tone: 'success',
};

/** One authorization: its state and evidence, what can be done with it, and the document as the patient saw it. */
export function AuthorizationPage({ authorizationId, witnessed }: { authorizationId: string; witnessed: boolean }) {
  const api = useApi();
  const load = useCallback(() => api['consents.get']({ id: authorizationId }), [api, authorizationId]);
  const { value: a, error, reload } = useLoaded(load);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(witnessed ? witnessedOutcome : null);

  if (error && !a) {
    return (
      <>
        <PageHeading>Authorization</PageHeading>
        <StatusMessage tone="problem">{error}</StatusMessage>
        <a href={patientsHref.search()}>Back to patients</a>
      </>
    );
  }
  if (!a) return <p aria-busy="true">Loading the authorization…</p>;

  const onOutcome = (next: ActionOutcome, changed: boolean) => {
    setOutcome(next);
    if (changed) reload();
  };

  return (
    <>
      <a className="back-link" href={patientsHref.patient(a.patientId)}>
        Back to {a.patientName}’s record
      </a>
      <PageHeading>Authorization for {a.patientName}</PageHeading>
      <StatusMessage tone={outcome?.tone ?? 'info'}>{outcome?.message}</StatusMessage>
      <section className="card authorization-summary" aria-labelledby="authorization-summary-heading">
        <h2 id="authorization-summary-heading">Summary</h2>
        <dl className="details-list">
          <dt>Status</dt>
          <dd>
            <StatusBadge status={a.status} />
          </dd>
          <dt>Language</dt>
          <dd>{languageText(a)}</dd>
          <dt>Ends</dt>
          <dd>{expirationText(a)}</dd>
          <dt>Prepared</dt>
          <dd>{dayOfInstant(a.createdAt)}</dd>
          {a.evidence ? (
            <>
              <dt>Signed</dt>
              <dd>
                By {a.evidence.signerName},{' '}
                {a.evidence.method === 'paper' && a.evidence.paperSignedOn
                  ? `on paper, dated ${formatDay(a.evidence.paperSignedOn, 'en')}`
                  : momentOfInstant(a.evidence.signedAt)}
                {a.terms.representative ? ` (for the patient, as ${a.terms.representative.name})` : ''}
                {a.evidence.signatureKind === 'typed' ? '; a typed signature: the signer could not draw and adopted their typed name' : ''}
              </dd>
              {a.evidence.scan ? (
                <>
                  <dt>Scan of the paper</dt>
                  <dd>
                    {a.evidence.scan.mimeType === 'application/pdf' ? 'PDF' : a.evidence.scan.mimeType === 'image/png' ? 'PNG image' : 'JPEG image'},{' '}
                    {a.evidence.scan.pages === 1 ? '1 page' : `${a.evidence.scan.pages} pages`}, kept in the signed PDF
                  </dd>
                </>
              ) : null}
              <dt>{a.evidence.method === 'paper' ? 'Attested by' : 'Witness'}</dt>
              <dd>{a.evidence.witnessName && a.evidence.witnessedAt ? `${a.evidence.witnessName}, ${momentOfInstant(a.evidence.witnessedAt)}` : 'Not yet'}</dd>
            </>
          ) : null}
          {a.stage === 'final' ? (
            <>
              <dt>Patient’s copy</dt>
              <dd>
                {a.patientCopy
                  ? `${patientCopyLabels[a.patientCopy.method]}: ${a.patientCopy.recordedBy.displayName}, ${momentOfInstant(a.patientCopy.recordedAt)}`
                  : 'Not given yet: print it, save it for the patient, or record that they declined it.'}
              </dd>
            </>
          ) : null}
          {a.pdfSha256 ? (
            <>
              <dt>PDF SHA-256</dt>
              <dd className="hash">{a.pdfSha256}</dd>
            </>
          ) : null}
          {a.revocation ? (
            <>
              <dt>Revocation</dt>
              <dd>
                Received {a.revocation.receivedOn} ({revocationMethodLabels[a.revocation.method].toLowerCase()}), recorded by{' '}
                {a.revocation.enteredBy} {momentOfInstant(a.revocation.recordedAt)}
                {a.revocation.hasScan ? '; scan attached' : ''}
                {a.revocation.note ? `. Note: ${a.revocation.note}` : ''}
              </dd>
            </>
          ) : null}
          <dt>Wording</dt>
          <dd>Template version {a.templateVersion}</dd>
        </dl>
        <AuthorizationActions authorization={a} layout="page" onOutcome={onOutcome} />
      </section>
      {a.stage === 'signed' ? (
        <div className="card">
          <WitnessForm
            authorizationId={a.id}
            onWitnessed={() => {
              setOutcome(witnessedOutcome);
              reload();
            }}
          />
        </div>
      ) : null}
      <section className="card authorization-document" aria-labelledby="authorization-document-heading">
        <h2 id="authorization-document-heading">{a.stage === 'draft' ? 'The document as it stands' : 'The document the patient signed'}</h2>
        <DocumentView document={a.document} titleLevel={3} />
      </section>
    </>
  );
}
