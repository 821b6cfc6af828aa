import { useTranslation } from 'react-i18next';
import { postFlagText } from '../../i18n/coverage-reasons';
import type { PostView } from '../../../../shared/posts/dashboard';
import { showDay, showDayOf } from '../marketing/dates';
import { PublishedLink } from './PublishedLink';
import { PostStateBadge } from '../marketing/PostStateBadge';

/** Where a saved post stands and what happened to it, oldest first. */
export function PostRecord({ post }: { post: PostView }) {
  const { t } = useTranslation(['posts', 'common']);
  return (
    <section className="post-record" aria-labelledby="post-record-heading">
      <h2 id="post-record-heading" className="visually-hidden">
        {t('postRecord.status')}
      </h2>
      <p className="post-record-state">
        {t('postRecord.state')} <PostStateBadge state={post.state} />
      </p>
      {post.reviewRequiredAt ? (
        <p className="post-takedown-reason">
          <strong>{t('postRecord.reviewThisPost')}</strong> {postFlagText(post, post.reviewReason)}
        </p>
      ) : null}
      {post.identifiersApproval ? (
        <p className="post-identifiers-approval">
          {t('postRecord.identifiersApprovedBy')} {post.identifiersApproval.byName} {t('postRecord.on')} {showDayOf(post.identifiersApproval.at)}: “{post.identifiersApproval.reason}”
        </p>
      ) : null}
      {post.sponsor ? <p className="post-sponsor">{t('postRecord.paidForBy')} {post.sponsor}</p> : null}
      {post.state === 'takedown_required' ? (
        <p className="post-takedown-reason">
          <strong>{t('postRecord.takeThisPostDownNow')}</strong> {postFlagText(post, post.takedownReason)}
        </p>
      ) : null}
      <ul className="post-record-events">
        <li>{t('postRecord.planned')} {showDayOf(post.createdAt)}</li>
        {post.approvedAt ? <li>{t('postRecord.approved')} {showDayOf(post.approvedAt)}</li> : null}
        {post.publishedAt ? (
          <li>
            {t('postRecord.published')} {showDay(post.publishedAt)}
            {post.publishedUrl ? (
              <>
                {' '}
                {t('postRecord.at')} <PublishedLink url={post.publishedUrl} />
              </>
            ) : null}
          </li>
        ) : null}
        {post.takedownRequiredAt ? <li>{t('postRecord.takeDownRequiredSince')} {showDayOf(post.takedownRequiredAt)}</li> : null}
        {post.takenDownAt ? <li>{t('postRecord.takenDown')} {showDayOf(post.takenDownAt)}</li> : null}
      </ul>
    </section>
  );
}
