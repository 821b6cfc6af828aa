import { postFlagText } from '../../i18n/coverage-reasons';
import { channelName } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import type { PostView } from '../../../../shared/posts/dashboard';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { showDay, showDayOf } from '../marketing/dates';
import { hashHref } from '../marketing/use-hash-query';
import { postName } from '../posts/post-naming';


/** Published posts whose consent no longer covers them: what, where, why, and the button to record it is done. */
export function TakedownList({
  posts,
  canWrite,
  onRecord,
  reason = (post) => postFlagText(post, post.takedownReason),
}: {
  posts: PostView[];
  canWrite: boolean;
  onRecord: (post: PostView) => void;
  /** Why each post is listed: its take-down reason unless the list says otherwise. */
  reason?: (post: PostView) => string | null;
}) {
  const { t } = useTranslation(['dashboard', 'common']);
  if (posts.length === 0) return <p className="empty-note">{t('takedownList.noPublishedPostNeedsTo')}</p>;
  return (
    <ul className="takedown-list">
      {posts.map((post) => (
        <li key={post.id} className="takedown-item">
          <h3 className="takedown-title">
            {post.testimonialTitle} <span className="takedown-channel">{t('takedownList.on')} {channelName(post.channel)}</span>
          </h3>
          <p className="takedown-meta">
            {post.patientFirstName} {post.patientLastName}
            {post.publishedAt ? t('takedownList.publishedOn', { day: showDay(post.publishedAt) }) : ''}
            {post.publishedUrl ? (
              <>
                {' '}
                {t('takedownList.at')} <span className="post-url">{post.publishedUrl}</span>
              </>
            ) : null}
          </p>
          <p className="takedown-reason">
            <strong>{t('takedownList.why')}</strong> {reason(post)}
            {post.takedownRequiredAt ? <span className="takedown-since"> {t('takedownList.flagged')} {showDayOf(post.takedownRequiredAt)}.</span> : null}
          </p>
          <div className="row-actions">
            {canWrite ? (
              <button type="button" className="button button-primary button-small" onClick={() => onRecord(post)}>
                {t('takedownList.recordTakeDown')}<VisuallyHidden> {t('takedownList.of')} {postName(post)}</VisuallyHidden>
              </button>
            ) : null}
            <a className="button button-secondary button-small" href={hashHref('/posts', { post: post.id })}>
              {t('takedownList.openPost')}<VisuallyHidden> {postName(post)}</VisuallyHidden>
            </a>
          </div>
        </li>
      ))}
    </ul>
  );
}
