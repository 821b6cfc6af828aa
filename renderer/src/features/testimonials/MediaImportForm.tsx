import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm, useWatch, type DefaultValues } from 'react-hook-form';
import { AppError } from '../../../../shared/errors';
import type { MediaSummary, Testimonial } from '../../../../shared/posts/post';
import { useApi } from '../../api/api-context';
import { CheckboxField } from '../../components/CheckboxField';
import { messageOf } from '../../components/error-message';
import { FormAlert } from '../../components/FormAlert';
import type { FormProblem } from '../../components/call-error';
import { FormField } from '../../components/FormField';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { acceptedTypes, kindOfFile, mediaImportFormSchema, type MediaImportFormInput, type MediaImportFormValues } from './media-import-form-schema';
import { base64Of } from '../../components/read-file';

const emptyForm: DefaultValues<MediaImportFormInput> = { kind: 'photo', beforeAfter: false };

/**
 * Import a photo, video or audio file into a testimonial. The file is read
 * here and sent whole; the backend removes identifying metadata from photos
 * and refuses what it cannot read, and its reason lands on the file field.
 */
export function MediaImportForm({ testimonial, onImported }: { testimonial: Testimonial; onImported: (media: MediaSummary) => void }) {
  const { t } = useTranslation(['testimonials', 'common']);
  const api = useApi();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [importing, setImporting] = useState<string | null>(null);
  // A new file picker after each import: react-hook-form's reset does not empty the old one.
  const [picker, setPicker] = useState(0);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    control,
    formState: { errors, isSubmitting },
  } = useForm<MediaImportFormInput, unknown, MediaImportFormValues>({
    resolver: formResolver(mediaImportFormSchema),
    defaultValues: emptyForm,
  });
  const beforeAfter = useWatch({ control, name: 'beforeAfter' }) ?? false;

  const onSubmit = handleSubmit(async ({ kind: chosenKind, beforeAfter: isBeforeAfter, files }) => {
    const file = files.item(0)!;
    setProblem(null);
    setImporting(file.name);
    try {
      let base64: string;
      try {
        base64 = await base64Of(file);
      } catch {
        setError('files', { type: 'read', message: t('mediaImportForm.couldNotRead') }, { shouldFocus: true });
        return;
      }
      const media = await api['media.import']({ testimonialId: testimonial.id, fileName: file.name, kind: chosenKind, beforeAfter: isBeforeAfter, base64 });
      reset(emptyForm);
      setPicker((n) => n + 1);
      onImported(media);
    } catch (error) {
      // The backend says what is wrong with the file and what to do: both go on the file field.
      const fileIssue = error instanceof AppError ? error.issues?.find((issue) => issue.path === 'file' || issue.path === 'base64') : undefined;
      if (error instanceof AppError && error.code === 'validation') {
        const advice = fileIssue && fileIssue.message !== error.message ? ` ${fileIssue.message}` : '';
        setError('files', { type: 'server', message: `${error.message}${advice}` }, { shouldFocus: true });
      } else {
        setProblem({ message: messageOf(error), focus: true });
      }
    } finally {
      setImporting(null);
    }
  });

  const busy = isSubmitting || importing !== null;
  const fileRegistration = register('files', {
    onChange: (event: { target: HTMLInputElement }) => {
      const chosen = event.target.files?.item(0);
      const guessed = chosen ? kindOfFile(chosen) : null;
      if (guessed) setValue('kind', guessed);
    },
  });

  return (
    <form
      className="media-import"
      noValidate
      aria-busy={busy}
      aria-label={t('mediaImportForm.importInto', { title: testimonial.title })}
      onSubmit={(event) => void onSubmit(event)}
    >
      <FormAlert problem={problem} />
      <div className="media-import-fields">
        <FormField
          key={picker}
          label={t('mediaImportForm.file')}
          type="file"
          accept={acceptedTypes}
          hint={t('mediaImportForm.aPhotoJpegPngWebp')}
          registration={fileRegistration}
          error={errors.files?.message}
        />
        <SelectField label={t('mediaImportForm.kind')} registration={register('kind')} error={errors.kind?.message}>
          <option value="photo">{t('mediaImportForm.photo')}</option>
          <option value="video">{t('mediaImportForm.video')}</option>
          <option value="audio">{t('mediaImportForm.audio')}</option>
        </SelectField>
      </div>
      <CheckboxField
        label={t('mediaImportForm.beforeAndAfterImage')}
        checked={beforeAfter}
        onChange={(event) => setValue('beforeAfter', event.target.checked, { shouldDirty: true })}
      />
      <div className="form-actions">
        <SubmitButton busy={busy}>{t('mediaImportForm.importFile')}</SubmitButton>
        <p className="media-import-progress" role="status">
          {importing ? t('mediaImportForm.importing', { file: importing }) : ''}
        </p>
      </div>
    </form>
  );
}
