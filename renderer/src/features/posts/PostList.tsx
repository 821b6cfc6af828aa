import { channelName } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import type { PostView } from '../../../../shared/posts/dashboard';
import { TableScroll } from '../../components/TableScroll';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { showDayOf } from '../marketing/dates';
import { PostStateBadge } from '../marketing/PostStateBadge';
import { hashHref } from '../marketing/use-hash-query';
import { postName } from './post-naming';

import '../../components/table.css';

/** Every post with its state and, in a few words, whether its consent covers it today. */
export function PostList({ posts }: { posts: PostView[] }) {
  const { t } = useTranslation(['posts', 'common']);
  if (posts.length === 0) return <p className="empty-note">{t('postList.noPostsYet')}</p>;
  return (
    <TableScroll label={t('postList.posts')}>
      <table className="data-table posts-table">
        <caption>{t('postList.posts2')}{posts.length})</caption>
        <thead>
          <tr>
            <th scope="col">{t('postList.testimonial')}</th>
            <th scope="col">{t('postList.channel')}</th>
            <th scope="col">{t('postList.state')}</th>
            <th scope="col">{t('postList.mayItBePosted')}</th>
            <th scope="col">{t('postList.lastChange')}</th>
            <th scope="col">
              <VisuallyHidden>{t('postList.open')}</VisuallyHidden>
            </th>
          </tr>
        </thead>
        <tbody>
          {posts.map((post) => (
            <tr key={post.id}>
              <th scope="row">
                {post.testimonialTitle}
                <span className="post-patient">
                  {post.patientFirstName} {post.patientLastName}
                </span>
              </th>
              <td>{channelName(post.channel)}</td>
              <td>
                <PostStateBadge state={post.state} />
              </td>
              <td>
                {post.verdict.covered ? (
                  <span className="verdict-short verdict-short-yes">{t('postList.covered')}</span>
                ) : (
                  <>
                    <span className="verdict-short verdict-short-no">{t('postList.notCovered')}</span>
                    <ul className="verdict-short-reasons">
                      {post.verdict.reasons.map((reason) => (
                        <li key={`${reason.code}-${reason.message}`}>{reason.message}</li>
                      ))}
                    </ul>
                  </>
                )}
              </td>
              <td className="post-updated">{showDayOf(post.updatedAt)}</td>
              <td>
                <a className="button button-secondary button-small" href={hashHref('/posts', { post: post.id })}>
                  {t('postList.open')}<VisuallyHidden> {postName(post)}</VisuallyHidden>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
