import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ReplyCheck } from '../../../../shared/posts/review-reply';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { FormAlert } from '../../components/FormAlert';
import { HighlightedText, HighlightNotes } from '../../components/HighlightedText';
import { PageHeading } from '../../components/PageHeading';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { replyFormSchema, type ReplyFormInput, type ReplyFormValues } from './reply-form-schema';
import '../../components/buttons.css';
import '../marketing/marketing.css';
import './replies.css';

/**
 * Check a reply to an online review before posting it, in English or
 * Spanish: anything that names the reviewer, confirms they are a patient or
 * mentions their care is marked, with the safe pattern to follow in both
 * languages. Each reply checked is kept, encrypted, as the record that
 * replies are reviewed.
 */
export function ReviewRepliesPage() {
  const { t } = useTranslation(['replies', 'common']);
  const api = useApi();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [checked, setChecked] = useState<{ text: string; result: ReplyCheck } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<ReplyFormInput, unknown, ReplyFormValues>({
    resolver: formResolver(replyFormSchema),
    defaultValues: { text: '' },
  });

  const onSubmit = handleSubmit(async ({ text }) => {
    setProblem(null);
    try {
      setChecked({ text, result: await api['replies.check']({ text }) });
    } catch (error) {
      setProblem(reportCallError(error, setError, { text: 'text' }));
    }
  });

  const result = checked?.result;
  const concerns = result?.concerns ?? [];
  return (
    <>
      <PageHeading>{t('reviewRepliesPage.reviewReplies')}</PageHeading>
      <p className="lead">
        {t('reviewRepliesPage.replyingToAnOnlineReview')}
      </p>
      <div className="replies-layout">
        <form className="card reply-form" noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
          <FormAlert problem={problem} />
          <TextAreaField
            label={t('reviewRepliesPage.yourReply')}
            rows={6}
            hint={t('reviewRepliesPage.theTextYouPlanTo')}
            registration={register('text')}
            error={errors.text?.message}
          />
          <div className="form-actions">
            <SubmitButton busy={isSubmitting}>{t('reviewRepliesPage.checkReply')}</SubmitButton>
          </div>
        </form>
        <section className="card reply-result" aria-labelledby="reply-result-heading">
          <h2 id="reply-result-heading" className="section-heading">
            {t('reviewRepliesPage.isThisReplySafeTo')}
          </h2>
          <div role="status">
            {!result ? (
              <p className="empty-note">{t('reviewRepliesPage.checkAReplyToSee')}</p>
            ) : result.safe ? (
              <p className="reply-verdict reply-verdict-safe">{t('reviewRepliesPage.safeToPostNothingIn')}</p>
            ) : (
              <p className="reply-verdict reply-verdict-unsafe">
                {t('reviewRepliesPage.changeThisReplyBeforePosting')} {concerns.length} {concerns.length === 1 ? t('reviewRepliesPage.concern') : t('reviewRepliesPage.concerns')}.
              </p>
            )}
          </div>
          {checked && concerns.length ? (
            <>
              <HighlightedText text={checked.text} spans={concerns} label={t('reviewRepliesPage.theReplyAsCheckedWith')} />
              <HighlightNotes notes={concerns} />
            </>
          ) : null}
          {result ? (
            <div className="reply-suggestion">
              <h3 className="reply-suggestion-heading">{t('reviewRepliesPage.theSafePattern')}</h3>
              <p>{t('reviewRepliesPage.thankTheReviewerStayGeneral')}</p>
              {(result.language === 'es' ? (['es', 'en'] as const) : (['en', 'es'] as const)).map((lang) => (
                <div key={lang} className="reply-suggestion-option">
                  <blockquote className="reply-suggestion-text" lang={lang}>
                    {result.suggestions[lang]}
                  </blockquote>
                  {result.safe ? null : (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => {
                        setValue('text', result.suggestions[lang], { shouldDirty: true });
                        setChecked(null);
                      }}
                    >
                      {lang === 'en' ? t('reviewRepliesPage.useThisReplyEnglish') : t('reviewRepliesPage.useThisReplySpanish')}
                    </button>
                  )}
                </div>
              ))}
            </div>
          ) : null}
        </section>
      </div>
    </>
  );
}
