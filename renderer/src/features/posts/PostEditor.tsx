import { channelName, contentKindName } from '../../i18n/labels';
import { currentLanguage } from '../../i18n/i18n';
import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { channels, contentKinds, purposeLabels, purposes } from '../../../../shared/authorization/scope';

import { isInEffect } from '../../../../shared/authorization/status';

import type { PostView } from '../../../../shared/posts/dashboard';
import type { PostDraft } from '../../../../shared/posts/post';
import { useApi } from '../../api/api-context';
import { anyRecord, useChangeCount, useRecordsChanged, type ChangeFilter } from '../../api/record-events';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { CheckboxField } from '../../components/CheckboxField';
import { ChoiceGroupField } from '../../components/ChoiceGroupField';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { PageHeading } from '../../components/PageHeading';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { useLoaded } from '../../components/use-loaded';
import { useSession } from '../session/app-state-context';
import { ApproveIdentifiersDialog } from './ApproveIdentifiersDialog';
import { ConsentChoice } from './ConsentChoice';
import { MediaChoice } from './MediaChoice';
import { emptyPostForm, otherChannel, postFieldOf, postFormOf, postFormSchema, type PostFormInput } from './post-form-schema';
import { PostRecord } from './PostRecord';
import { PostReviewThread } from '../post-reviews/PostReviewThread';
import { PublishDialog } from './PublishDialog';
import { TestimonialChoice } from './TestimonialChoice';
import { RecordTakedownDialog } from './RecordTakedownDialog';
import { usePostCheck } from './use-post-check';
import { VerdictPanel } from './VerdictPanel';
import { i18n } from '../../i18n/i18n';

const testimonialChanges: ChangeFilter = { tables: ['testimonials', 'media'] };
const consentChanges: ChangeFilter = { tables: ['authorizations', 'patients'] };

interface PostEditorProps {
  /** The saved post, or null for a new one. */
  post: PostView | null;
  /** For a new post: the testimonial to start from, if the link named one. */
  initialTestimonialId: string;
  /** A message from the step that led here (a draft just created). */
  flash: string | null;
  onChanged: (post: PostView, message: string, created: boolean) => void;
}

/** Why the check cannot run yet, in the words the panel shows; null when it can. */
function waitingReason(values: Partial<PostFormInput>, draft: PostDraft | null): string | null {
  if (!values.testimonialId) return i18n.t('posts:postEditor.waitingForTestimonial');
  if (!values.channel) return i18n.t('posts:postEditor.waitingForChannel');
  if (values.channel === otherChannel && !values.otherChannelName?.trim()) return i18n.t('posts:postEditor.waitingForChannelName');
  if (!draft) return i18n.t('posts:postEditor.waitingForCorrections');
  return null;
}

/**
 * A post: its testimonial, the consent it relies on, where and why it goes
 * out, the caption and the media. Beside it, the check answers “may this be
 * posted?” as the draft changes. The actions follow the post's state.
 */
export function PostEditor({ post: initial, initialTestimonialId, flash, onChanged }: PostEditorProps) {
  const { t } = useTranslation(['posts', 'common']);
  const api = useApi();
  const session = useSession();
  const canWrite = session.permissions.includes('posts.write');
  const canApproveIdentifiers = session.permissions.includes('posts.approveIdentifiers');
  const [post, setPost] = useState(initial);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [message, setMessage] = useState<string | null>(flash);
  const [dialog, setDialog] = useState<'publish' | 'takedown' | 'identifiers' | null>(null);
  const [approving, setApproving] = useState(false);
  const readOnly = !canWrite || (post !== null && post.state !== 'draft' && post.state !== 'approved');

  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    control,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<PostFormInput, unknown, PostDraft>({
    resolver: formResolver(postFormSchema),
    defaultValues: initial ? postFormOf(initial) : emptyPostForm(initialTestimonialId),
  });

  const testimonialId = useWatch({ control, name: 'testimonialId' });
  // The chosen testimonial alone, with its media: the choice itself lists a page at a time.
  const loadTestimonial = useCallback(() => (testimonialId ? api['testimonials.get']({ id: testimonialId }) : Promise.resolve(null)), [api, testimonialId]);
  const chosenTestimonial = useLoaded(loadTestimonial, testimonialChanges);
  const consentId = useWatch({ control, name: 'consentId' });
  const channel = useWatch({ control, name: 'channel' });
  const mediaIds = useWatch({ control, name: 'mediaIds' });
  const thirdPartyPays = useWatch({ control, name: 'thirdPartyPays' });
  const testimonial = chosenTestimonial.value?.id === testimonialId ? chosenTestimonial.value : null;
  const patientId = testimonial?.patientId ?? null;

  const loadConsents = useCallback(() => (patientId ? api['consents.scopeForPatient']({ patientId }) : Promise.resolve(null)), [api, patientId]);
  const consents = useLoaded(loadConsents, consentChanges);

  // Propose the consent when the patient has exactly one in effect.
  useEffect(() => {
    const inEffect = consents.value?.filter((c) => isInEffect(c.status)) ?? [];
    if (!readOnly && consentId === '' && inEffect.length === 1) setValue('consentId', inEffect[0]!.id, { shouldDirty: true });
  }, [consents.value, consentId, readOnly, setValue]);

  // The check runs on whatever the form holds now, valid or not yet.
  const values = useWatch({ control });
  const valuesKey = JSON.stringify(values);
  const draft = useMemo(() => {
    const parsed = postFormSchema.safeParse(JSON.parse(valuesKey));
    return parsed.success ? parsed.data : null;
  }, [valuesKey]);
  // The verdict follows the records it is about (a revocation at the desk, a patient's birthday): the draft is asked again, the form left alone.
  const check = usePostCheck(draft, 300, useChangeCount(anyRecord));
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  const shownPost = useRef(post);
  const isDirtyRef = useRef(isDirty);
  useEffect(() => {
    shownPost.current = post;
    isDirtyRef.current = isDirty;
  });
  useRecordsChanged({ tables: ['posts'], ids: { table: 'posts', ids: post ? [post.id] : [] } }, () => {
    const shown = shownPost.current;
    // A save of this screen's own brings its result itself.
    if (!shown || isSubmitting || approving) return;
    void api['posts.get']({ id: shown.id }).then(
      (fresh) => {
        if (shownPost.current?.id !== fresh.id || JSON.stringify(fresh) === JSON.stringify(shownPost.current)) return;
        // Never over the user's unsaved input: say so instead.
        if (isDirtyRef.current) setChangedElsewhere(true);
        else {
          setPost(fresh);
          reset(postFormOf(fresh));
        }
      },
      () => undefined,
    );
  });
  const waitingFor = waitingReason(values as Partial<PostFormInput>, draft);

  const applied = (changed: PostView, text: string) => {
    setChangedElsewhere(false);
    setPost(changed);
    reset(postFormOf(changed));
    setMessage(text);
    onChanged(changed, text, false);
  };

  const save = handleSubmit(async (submitted) => {
    setProblem(null);
    setMessage(null);
    try {
      if (!post) {
        const created = await api['posts.create'](submitted);
        onChanged(created, t('postEditor.savedNewDraft'), true);
        return;
      }
      const updated = await api['posts.update']({ id: post.id, ...submitted, rowVersion: post.rowVersion });
      applied(updated, t(post.state === 'approved' ? 'postEditor.savedApprovalWithdrawn' : 'postEditor.savedDraft'));
    } catch (error) {
      setProblem(reportCallError(error, setError, postFieldOf));
    }
  });

  const approve = handleSubmit(async (submitted) => {
    if (!post || approving) return;
    setApproving(true);
    setProblem(null);
    setMessage(null);
    try {
      let current = post;
      if (isDirty) {
        current = await api['posts.update']({ id: post.id, ...submitted, rowVersion: post.rowVersion });
        setPost(current);
        reset(postFormOf(current));
      }
      applied(await api['posts.approve']({ id: current.id }), t('postEditor.approved'));
    } catch (error) {
      setProblem(reportCallError(error, setError, postFieldOf));
    } finally {
      setApproving(false);
    }
  });

  const testimonialField = register('testimonialId', {
    onChange: () => {
      setValue('mediaIds', []);
      setValue('consentId', '');
    },
  });

  return (
    <>
      <p className="back-link">
        <a href="#/posts">{t('postEditor.allPosts')}</a>
      </p>
      <PageHeading>{post ? t('postEditor.heading', { title: post.testimonialTitle, channel: channelName(post.channel) }) : t('postEditor.newPost')}</PageHeading>
      <StatusMessage tone="success">{message}</StatusMessage>
      <StatusMessage tone="info">{changedElsewhere ? t('postEditor.changedElsewhere') : null}</StatusMessage>
      {post ? <PostRecord post={post} /> : null}
      {post ? <PostReviewThread key={post.updatedAt} postId={post.id} published={post.publishedAt !== null} /> : null}
      <div className="post-editor-layout">
        <form
          className="card post-form"
          noValidate
          aria-label={t('postEditor.thePost')}
          aria-busy={isSubmitting}
          onSubmit={(event) => void save(event)}
          // A refusal is about the draft as it was: once it changes, the panel beside it speaks instead.
          onChange={() => setProblem(null)}
        >
          <FormAlert problem={problem} />
          <fieldset className="post-fields" disabled={readOnly}>
            <legend className="visually-hidden">{t('postEditor.thePost')}</legend>
            {post ? (
              <div className="field">
                <p className="field-label post-testimonial-label">{t('postEditor.testimonial')}</p>
                <p className="post-testimonial">
                  {post.testimonialTitle} ({post.patientFirstName} {post.patientLastName})
                </p>
              </div>
            ) : (
              <TestimonialChoice registration={testimonialField} error={errors.testimonialId?.message ?? chosenTestimonial.error ?? undefined} chosen={testimonial} />
            )}
            <ConsentChoice
              consents={patientId ? consents.value : null}
              loading={patientId !== null && consents.loading}
              chosenId={consentId}
              registration={register('consentId')}
              error={errors.consentId?.message}
              loadError={consents.error}
            />
            <div className="post-channel">
              <SelectField label={t('postEditor.channel')} registration={register('channel')} error={errors.channel?.message}>
                <option value="">{t('postEditor.chooseAChannel')}</option>
                {channels.map((c) => (
                  <option key={c} value={c}>
                    {channelName(c)}
                  </option>
                ))}
                <option value={otherChannel}>{t('postEditor.other')}</option>
              </SelectField>
              {channel === otherChannel ? (
                <FormField label={t('postEditor.nameOfTheChannel')} autoComplete="off" registration={register('otherChannelName')} error={errors.otherChannelName?.message} />
              ) : null}
            </div>
            <SelectField label={t('postEditor.purpose')} registration={register('purpose')} error={errors.purpose?.message}>
              {purposes.map((p) => (
                <option key={p} value={p}>
                  {purposeLabels[currentLanguage()][p]}
                </option>
              ))}
            </SelectField>
            <TextAreaField
              label={t('postEditor.caption')}
              rows={5}
              hint={t('postEditor.theWordsOfThePost')}
              registration={register('caption')}
              error={errors.caption?.message}
            />
            <MediaChoice
              media={testimonial?.media ?? null}
              chosen={mediaIds}
              onChange={(ids) => setValue('mediaIds', ids, { shouldDirty: true })}
            />
            <CheckboxField
              label={t('postEditor.aThirdPartyPaysFor')}
              checked={thirdPartyPays}
              onChange={(event) => setValue('thirdPartyPays', event.target.checked, { shouldDirty: true })}
            />
            {thirdPartyPays ? (
              <FormField
                label={t('postEditor.sponsor')}
                autoComplete="off"
                hint={t('postEditor.whoPaysAsTheConsent')}
                registration={register('sponsor')}
                error={errors.sponsor?.message}
              />
            ) : null}
            <ChoiceGroupField
              legend={t('postEditor.otherContentThisPostUses')}
              type="checkbox"
              columns
              hint={t('postEditor.mediaAndCaptionAreCounted')}
              choices={contentKinds.map((kind) => ({ value: kind, label: contentKindName(kind) }))}
              registration={register('extraContentKinds')}
              error={errors.extraContentKinds?.message}
            />
          </fieldset>
          {canWrite && post?.state !== 'taken_down' ? (
            <div className="form-actions post-actions">
              {readOnly ? null : <SubmitButton busy={isSubmitting && !approving}>{post?.state === 'approved' ? t('postEditor.saveChanges') : t('postEditor.saveDraft')}</SubmitButton>}
              {post && (post.state === 'draft' || post.state === 'approved') && canApproveIdentifiers && post.verdict.reasons.some((r) => r.code === 'identifier') ? (
                <button type="button" className="button button-secondary" onClick={() => setDialog('identifiers')}>
                  {t('postEditor.approveIdentifiers')}
                </button>
              ) : null}
              {post?.state === 'draft' ? (
                <button
                  type="button"
                  className={`button button-secondary${approving ? ' button-busy' : ''}`}
                  aria-disabled={approving || undefined}
                  onClick={() => void approve()}
                >
                  {t('postEditor.approve')}
                </button>
              ) : null}
              {post?.state === 'approved' ? (
                <button type="button" className="button button-secondary" onClick={() => setDialog('publish')}>
                  {t('postEditor.recordPublication')}
                </button>
              ) : null}
              {post?.state === 'published' || post?.state === 'takedown_required' ? (
                <button type="button" className="button button-primary" onClick={() => setDialog('takedown')}>
                  {t('postEditor.recordTakeDown')}
                </button>
              ) : null}
              {post?.state === 'draft' && isDirty ? <p className="field-hint">{t('postEditor.youHaveUnsavedChangesApprove')}</p> : null}
              {post?.state === 'approved' ? <p className="field-hint">{t('postEditor.savingChangesWithdrawsTheApproval')}</p> : null}
              {post?.state === 'published' ? <p className="field-hint">{t('postEditor.aPublishedPostCannotBe')}</p> : null}
            </div>
          ) : null}
        </form>
        <VerdictPanel check={check} waitingFor={waitingFor} />
      </div>
      {post && dialog === 'publish' ? <PublishDialog post={post} onDone={applied} onClose={() => setDialog(null)} /> : null}
      {post && dialog === 'identifiers' ? <ApproveIdentifiersDialog post={post} onDone={applied} onClose={() => setDialog(null)} /> : null}
      {post && dialog === 'takedown' ? <RecordTakedownDialog post={post} onDone={applied} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
