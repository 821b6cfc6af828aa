import { patientLabels } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { revocationMethods, type AuthorizationDetail, type AuthorizationSummary } from '../../../../shared/authorization/record';
import { practiceToday } from '../session/practice-time-zone';
import { contract } from '../../../../shared/contract';

import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { base64Of } from '../../components/read-file';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { authorizationLabel } from './authorization-text';
import { ScanFileField, scanProblem, type ScanType } from './ScanFileField';
import './consents.css';

/** The revocation form checks what `consents.revoke` checks; the scan is read separately, from the file picked. */
const revokeFormSchema = contract['consents.revoke'].input.omit({ id: true, scan: true });
type RevokeFormInput = z.input<typeof revokeFormSchema>;
type RevokeFormValues = z.output<typeof revokeFormSchema>;

/**
 * Record the patient's written revocation: when and how it arrived, a note
 * and an optional scan. It takes effect at once; the backend produces the
 * acknowledgment PDF.
 */
export function RevokeDialog({
  authorization,
  onRevoked,
  onClose,
}: {
  authorization: AuthorizationSummary;
  onRevoked: (revoked: AuthorizationDetail) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation(['consents', 'common']);
  const api = useApi();
  const scanId = useId();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [scan, setScan] = useState<File | null>(null);
  const [scanError, setScanError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RevokeFormInput, unknown, RevokeFormValues>({
    resolver: formResolver(revokeFormSchema),
    defaultValues: { receivedOn: practiceToday(), method: 'in_person', note: '' },
  });

  return (
    <Dialog title={t('revokeDialog.recordARevocation')} onClose={onClose}>
      {(close) => {
        const onSubmit = handleSubmit(async (values) => {
          setProblem(null);
          const badScan = scanProblem(scan);
          setScanError(badScan);
          if (badScan) {
            document.getElementById(scanId)?.focus();
            return;
          }
          try {
            const revoked = await api['consents.revoke']({
              id: authorization.id,
              ...values,
              scan: scan ? { mimeType: scan.type as ScanType, base64: await base64Of(scan) } : null,
            });
            onRevoked(revoked);
            close();
          } catch (error) {
            const left = reportCallError(error, setError, { receivedOn: 'receivedOn', method: 'method', note: 'note' });
            if (left && /scan/i.test(left.message)) setScanError(left.message);
            setProblem(left);
          }
        });
        return (
          <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
            <p className="dialog-note">
              {t('revokeDialog.for')} {authorizationLabel(authorization)}{t('revokeDialog.fromTheMomentYouRecord')}
            </p>
            <FormAlert problem={problem} />
            <FormField
              label={t('revokeDialog.dateTheWrittenRevocationArrived')}
              type="date"
              registration={register('receivedOn')}
              error={errors.receivedOn?.message}
            />
            <SelectField label={t('revokeDialog.howItArrived')} registration={register('method')} error={errors.method?.message}>
              {revocationMethods.map((method) => (
                <option key={method} value={method}>
                  {patientLabels().revocationMethods[method]}
                </option>
              ))}
            </SelectField>
            <TextAreaField label={t('revokeDialog.noteOptional')} hint={t('revokeDialog.suchAsLetterDatedNovember')} registration={register('note')} error={errors.note?.message} />
            <ScanFileField
              id={scanId}
              label={t('revokeDialog.scanOfTheRevocationOptional')}
              hint={t('revokeDialog.aPdfPngOrJpeg')}
              error={scanError}
              onPick={(file) => {
                setScan(file);
                setScanError(scanProblem(file));
              }}
            />
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={close}>
                {t('revokeDialog.cancel')}
              </button>
              <SubmitButton busy={isSubmitting} variant="danger">
                {t('revokeDialog.recordRevocation')}
              </SubmitButton>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
