import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { PostView } from '../../../../shared/posts/dashboard';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { disclosureHeadline } from '../../i18n/disclosure-text';
import { i18n } from '../../i18n/i18n';

const reasonSchema = z.object({ reason: z.string().trim().min(10, { error: () => i18n.t('validation:post.identifierReason') }).max(1000) });
type ReasonValues = z.infer<typeof reasonSchema>;

interface ApproveIdentifiersDialogProps {
  post: PostView;
  onDone: (post: PostView, message: string) => void;
  onClose: () => void;
}

/**
 * An administrator lets identifiers that no marketing authorization should
 * carry (a date, a phone number) go out in this post's words, with a written
 * reason. The decision is audited and shown on the post and in audit bundles;
 * changing the caption voids it.
 */
export function ApproveIdentifiersDialog({ post, onDone, onClose }: ApproveIdentifiersDialogProps) {
  const { t } = useTranslation(['posts', 'common']);
  const api = useApi();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const blocking = post.disclosures.filter((d) => d.blocking);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ReasonValues>({ resolver: formResolver(reasonSchema), defaultValues: { reason: '' } });
  return (
    <Dialog title={t('approveIdentifiersDialog.approveTheIdentifiersInThis')} onClose={onClose}>
      {(close) => {
        const onSubmit = handleSubmit(async ({ reason }) => {
          setProblem(null);
          try {
            const done = await api['posts.approveIdentifiers']({ id: post.id, reason });
            onDone(done, t('approveIdentifiersDialog.recorded'));
            close();
          } catch (error) {
            setProblem(reportCallError(error, setError, { reason: 'reason' }));
          }
        });
        return (
          <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
            <p>{t('approveIdentifiersDialog.theseIdentifiersWouldGoOut')}</p>
            <ul>
              {blocking.map((d, index) => (
                <li key={index}>
                  <q className="highlight-quote">{d.text}</q> {disclosureHeadline(d)}
                </li>
              ))}
            </ul>
            <p>{t('approveIdentifiersDialog.noMarketingAuthorizationShouldCarry')}</p>
            <FormAlert problem={problem} />
            <TextAreaField label={t('approveIdentifiersDialog.reason')} rows={3} registration={register('reason')} error={errors.reason?.message} />
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={close}>
                {t('approveIdentifiersDialog.cancel')}
              </button>
              <SubmitButton busy={isSubmitting}>{t('approveIdentifiersDialog.approveIdentifiers')}</SubmitButton>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
