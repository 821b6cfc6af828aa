import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { AuthorizationDetail, AuthorizationSummary } from '../../../../shared/authorization/record';
import { practiceToday } from '../session/practice-time-zone';
import { contract } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { CheckboxField } from '../../components/CheckboxField';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { base64Of } from '../../components/read-file';
import { SubmitButton } from '../../components/SubmitButton';
import { authorizationLabel } from './authorization-text';
import { ScanFileField, scanProblem, type ScanType } from './ScanFileField';
import './consents.css';

/** The form checks what `consents.recordPaperSignature` checks; the scan is read from the file picked. */
const paperFormSchema = contract['consents.recordPaperSignature'].input.omit({ id: true, scan: true });
type PaperFormInput = z.input<typeof paperFormSchema>;
type PaperFormValues = z.output<typeof paperFormSchema>;

/**
 * Record a draft as signed on its printed form: the scan of the signed
 * paper, the date written on it, the signer's name, and the staff member's
 * attestation (with their password). The authorization becomes final at
 * once, with a signed PDF of the form, the scan and the certificate page.
 */
export function PaperSignatureDialog({
  authorization,
  signerName,
  onRecorded,
  onClose,
}: {
  authorization: AuthorizationSummary;
  signerName: string;
  onRecorded: (final: AuthorizationDetail) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation(['consents', 'common']);
  const api = useApi();
  const scanId = useId();
  const attestId = useId();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [scan, setScan] = useState<File | null>(null);
  const [scanError, setScanError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PaperFormInput, unknown, PaperFormValues>({
    resolver: formResolver(paperFormSchema),
    defaultValues: { signedOn: practiceToday(), signerName, attested: false as unknown as true, password: '' },
  });

  return (
    <Dialog title={t('paperSignatureDialog.recordAPaperSignature')} onClose={onClose}>
      {(close) => {
        const onSubmit = handleSubmit(async (values) => {
          setProblem(null);
          const badScan = scanProblem(scan, 'Attach the scan or photo of the signed form.');
          setScanError(badScan);
          if (badScan || !scan) {
            document.getElementById(scanId)?.focus();
            return;
          }
          try {
            const final = await api['consents.recordPaperSignature']({
              id: authorization.id,
              ...values,
              scan: { mimeType: scan.type as ScanType, base64: await base64Of(scan) },
            });
            onRecorded(final);
            close();
          } catch (error) {
            const left = reportCallError(error, setError, { signedOn: 'signedOn', signerName: 'signerName', password: 'password', attested: 'attested' });
            if (left && /scan|PDF|image/i.test(left.message)) setScanError(left.message);
            setProblem(left);
          }
        }, () => setScanError(scanProblem(scan, 'Attach the scan or photo of the signed form.')));
        return (
          <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
            <p className="dialog-note">
              {t('paperSignatureDialog.for')} {authorizationLabel(authorization)}{t('paperSignatureDialog.onlyTheFormPrintedFrom')}
            </p>
            <FormAlert problem={problem} />
            <ScanFileField
              id={scanId}
              label={t('paperSignatureDialog.scanOrPhotoOfThe')}
              hint={t('paperSignatureDialog.aPdfPngOrJpeg')}
              error={scanError}
              onPick={(file) => {
                setScan(file);
                setScanError(file ? scanProblem(file) : null);
              }}
            />
            <FormField label={t('paperSignatureDialog.dateWrittenOnTheForm')} type="date" registration={register('signedOn')} error={errors.signedOn?.message} />
            <FormField
              label={t('paperSignatureDialog.signedBy')}
              hint={t('paperSignatureDialog.theNameOfThePerson')}
              registration={register('signerName')}
              error={errors.signerName?.message}
            />
            <CheckboxField
              label={t('paperSignatureDialog.iAttestThatThisScan')}
              aria-invalid={errors.attested ? true : undefined}
              aria-describedby={errors.attested ? attestId : undefined}
              {...register('attested')}
            />
            {errors.attested ? (
              <p id={attestId} className="field-error">
                {errors.attested.message}
              </p>
            ) : null}
            <FormField
              label={t('paperSignatureDialog.yourPassword')}
              type="password"
              autoComplete="current-password"
              hint={t('paperSignatureDialog.yourAttestationIsRecordedUnder')}
              registration={register('password')}
              error={errors.password?.message}
            />
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={close}>
                {t('paperSignatureDialog.cancel')}
              </button>
              <SubmitButton busy={isSubmitting}>{t('paperSignatureDialog.recordPaperSignature')}</SubmitButton>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
