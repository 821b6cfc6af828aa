import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { PostView } from '../../../../shared/posts/dashboard';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { SubmitButton } from '../../components/SubmitButton';
import { showDay, today } from '../marketing/dates';
import { postName } from './post-naming';
import { publishFormSchema, type PublishFormInput, type PublishFormValues } from './publish-form-schema';

interface PublishDialogProps {
  post: PostView;
  onDone: (post: PostView, message: string) => void;
  onClose: () => void;
}

/** Records that an approved post went out: the day and its address, so it can be found and taken down. */
export function PublishDialog({ post, onDone, onClose }: PublishDialogProps) {
  const { t } = useTranslation(['posts', 'common']);
  const api = useApi();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PublishFormInput, unknown, PublishFormValues>({
    resolver: formResolver(publishFormSchema),
    defaultValues: { publishedOn: today(), url: '' },
  });

  return (
    <Dialog title={t('publishDialog.recordThePublication')} onClose={onClose}>
      {(close) => {
        const onSubmit = handleSubmit(async (values) => {
          setProblem(null);
          try {
            const published = await api['posts.publish']({ id: post.id, ...values });
            onDone(published, t('publishDialog.recorded', { post: postName(published), day: showDay(values.publishedOn) }));
            close();
          } catch (error) {
            setProblem(reportCallError(error, setError, { publishedOn: 'publishedOn', url: 'url' }));
          }
        });
        return (
          <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
            <p>{t('publishDialog.recordWhenAndWhere')} {postName(post)} {t('publishDialog.wentOutIfItsConsent')}</p>
            <FormAlert problem={problem} />
            <FormField label={t('publishDialog.publishedOn')} type="date" registration={register('publishedOn')} error={errors.publishedOn?.message} />
            <FormField
              label={t('publishDialog.postAddress')}
              type="url"
              inputMode="url"
              autoComplete="off"
              hint={t('publishDialog.theLinkToThePost')}
              registration={register('url')}
              error={errors.url?.message}
            />
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={close}>
                {t('publishDialog.cancel')}
              </button>
              <SubmitButton busy={isSubmitting}>{t('publishDialog.recordPublication')}</SubmitButton>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
