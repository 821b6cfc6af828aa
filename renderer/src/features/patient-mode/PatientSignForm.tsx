import { fillIn } from '../../../../shared/patient-language';
import { formResolver } from '../../components/form-resolver';
import { useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { AuthorizationDetail } from '../../../../shared/authorization/record';
import { contract } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { CheckboxField } from '../../components/CheckboxField';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import type { PatientModeText } from './patient-mode-text';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad';
import { textSha256 } from './text-hash';
import { typedSignatureCanvas, typedSignaturePng } from './typed-signature-image';
import './patient-mode.css';

/** The patient's part of `consents.patientSign`, checked with the contract's own rules (the checkbox starts unticked). */
const signCall = contract['consents.patientSign'].input.shape;
const signFormSchema = z.object({
  typedName: signCall.typedName,
  agreedToSignElectronically: z.boolean().pipe(signCall.agreedToSignElectronically),
});
type SignFormInput = z.input<typeof signFormSchema>;
type SignFormValues = z.output<typeof signFormSchema>;

/**
 * Typed name, agreement to sign electronically, the drawn signature, and
 * Sign. The signature carries the SHA-256 of the exact text on screen.
 */
export function PatientSignForm({
  authorization,
  text,
  allShown,
  onSigned,
}: {
  authorization: AuthorizationDetail;
  text: PatientModeText;
  /** The end of the document has been on screen. */
  allShown: boolean;
  onSigned: (signed: AuthorizationDetail) => void;
}) {
  const api = useApi();
  const pad = useRef<SignaturePadHandle>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [signatureError, setSignatureError] = useState<string | null>(null);
  // A patient who cannot draw adopts the typed name as the signature.
  const [typed, setTyped] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<SignFormInput, unknown, SignFormValues>({
    resolver: formResolver(signFormSchema),
    defaultValues: { typedName: '', agreedToSignElectronically: false },
  });
  const signer = authorization.terms.representative?.name || authorization.patientName;
  const typedNameShown = useWatch({ control, name: 'typedName' });

  // Our own checks speak the patient's language; the backend's words are shown as they come.
  const messageOf = (error: { type?: string; message?: string } | undefined, own: string) =>
    error ? (error.type === 'server' ? error.message : own) : undefined;

  const sign = async ({ typedName }: SignFormValues) => {
    setProblem(null);
    setSignatureError(null);
    try {
      const signature = typed
        ? { png: typedSignaturePng(typedName), strokes: [], canvas: typedSignatureCanvas, signatureKind: 'typed' as const }
        : pad.current && { ...pad.current.read(), signatureKind: 'drawn' as const };
      if (!signature) return;
      onSigned(
        await api['consents.patientSign']({
          id: authorization.id,
          typedName,
          textSha256: await textSha256(authorization.document),
          agreedToSignElectronically: true,
          signaturePng: signature.png,
          strokes: signature.strokes,
          canvas: signature.canvas,
          signatureKind: signature.signatureKind,
        }),
      );
    } catch (error) {
      const onSignature = error instanceof AppError ? error.issues?.find((issue) => issue.path === 'signature') : undefined;
      if (onSignature) setSignatureError(onSignature.message);
      setProblem(reportCallError(error, setError, { typedName: 'typedName', agreedToSignElectronically: 'agreedToSignElectronically' }));
    }
  };

  const agreeError = messageOf(errors.agreedToSignElectronically, text.agreeMissing);
  return (
    <form className="patient-sign" aria-labelledby="patient-sign-heading" noValidate aria-busy={isSubmitting} onSubmit={(event) => void handleSubmit(sign)(event)}>
      <h2 id="patient-sign-heading">{text.signHeading}</h2>
      <p>{text.readFirst}</p>
      <p className="patient-paper-option">{text.paperOption}</p>
      <FormAlert problem={problem} />
      <FormField
        label={text.typedName}
        autoComplete="off"
        spellCheck={false}
        hint={fillIn(text.typedNameHint, { signer })}
        registration={register('typedName')}
        error={messageOf(errors.typedName, text.typedNameMissing)}
      />
      <div className={agreeError ? 'patient-agree patient-agree-invalid' : 'patient-agree'}>
        <CheckboxField
          label={text.agree}
          aria-invalid={agreeError ? true : undefined}
          aria-describedby={agreeError ? 'patient-agree-error' : undefined}
          {...register('agreedToSignElectronically')}
        />
        {agreeError ? (
          <p id="patient-agree-error" className="field-error">
            {agreeError}
          </p>
        ) : null}
      </div>
      {typed ? (
        <section className="typed-signature" aria-labelledby="typed-signature-heading">
          <h3 id="typed-signature-heading" className="signature-legend">
            {text.typedSignatureShown}
          </h3>
          <p className="typed-signature-preview" aria-hidden="true">
            {typedNameShown}
          </p>
          <p className="signature-instructions">{text.typedSignatureNote}</p>
        </section>
      ) : (
        <SignaturePad ref={pad} text={text} error={signatureError} />
      )}
      <div className="patient-agree">
        <CheckboxField label={text.typedSignatureOption} checked={typed} onChange={(event) => setTyped(event.target.checked)} />
      </div>
      <div className="form-actions patient-sign-actions">
        <SubmitButton busy={isSubmitting} busyText={text.working} aria-describedby="patient-sign-shown">
          {text.sign}
        </SubmitButton>
        <p id="patient-sign-shown" className={allShown ? 'patient-shown patient-shown-all' : 'patient-shown'} aria-live="polite">
          {allShown ? `✓ ${text.allShown}` : text.notAllShown}
        </p>
      </div>
    </form>
  );
}
