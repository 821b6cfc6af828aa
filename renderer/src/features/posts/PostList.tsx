import { useMemo, useState } from 'react';
import { coverageReasonText } from '../../i18n/coverage-reasons';
import { useTranslation } from 'react-i18next';
import { defaultPageSize } from '../../../../shared/list-page';
import type { PostListRow, PostSort } from '../../../../shared/list-rows';
import { postStates, type PostState } from '../../../../shared/posts/post';
import { useApi } from '../../api/api-context';
import { anyRecord, useChangeCount } from '../../api/record-events';
import { DataTable, usePage, type DataColumn, type ListView } from '../../components/DataTable';
import { messageOf } from '../../components/error-message';
import { StatusMessage } from '../../components/StatusMessage';
import { formatNumber } from '../../i18n/format';
import { channelName, postStateLabel } from '../../i18n/labels';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { showDayOf } from '../marketing/dates';
import { PostStateBadge } from '../marketing/PostStateBadge';
import { hashHref } from '../marketing/use-hash-query';
import { postName } from './post-naming';
import '../../components/table.css';

const firstView: ListView<PostSort> = { sort: 'updatedAt', direction: 'desc', offset: 0, limit: defaultPageSize };

/** Posts, a page at a time, with their state and, in a few words, whether the consent covers each today (the kept verdict). */
export function PostList() {
  const api = useApi();
  const { t } = useTranslation('posts');
  const columns = useMemo<DataColumn<PostListRow, PostSort>[]>(
    () => [
  {
    id: 'testimonial',
    header: t('postList.testimonial'),
    rowHeader: true,
    cell: ({ row: { original: post } }) => (
      <>
        {post.testimonialTitle}
        <span className="post-patient">
          {post.patientFirstName} {post.patientLastName}
        </span>
      </>
    ),
  },
  { id: 'channel', header: t('postList.channel'), sortKey: 'channel', cell: ({ row }) => channelName(row.original.channel) },
  { id: 'state', header: t('postList.state'), sortKey: 'state', cell: ({ row }) => <PostStateBadge state={row.original.state} /> },
  {
    id: 'verdict',
    header: t('postList.mayItBePosted'),
    cell: ({ row: { original: post } }) =>
      post.covered ? (
        <span className="verdict-short verdict-short-yes">{t('postList.covered')}</span>
      ) : (
        <>
          <span className="verdict-short verdict-short-no">{t('postList.notCovered')}</span>
          <ul className="verdict-short-reasons">
            {post.reasons.map((reason) => (
              <li key={`${reason.code}-${reason.message}`}>{coverageReasonText(reason)}</li>
            ))}
          </ul>
        </>
      ),
  },
  { id: 'updatedAt', header: t('postList.lastChange'), sortKey: 'updatedAt', cell: ({ row }) => <span className="post-updated">{showDayOf(row.original.updatedAt)}</span> },
  {
    id: 'open',
    header: () => <VisuallyHidden>{t('postList.open')}</VisuallyHidden>,
    cell: ({ row: { original: post } }) => (
      <a className="button button-secondary button-small" href={hashHref('/posts', { post: post.id })}>
        {t('postList.open')}<VisuallyHidden> {postName(post)}</VisuallyHidden>
      </a>
    ),
  },
],
    // t changes with the language, so the headers and the cells' dates follow it.
    [t],
  );

  const [view, setView] = useState(firstView);
  const [state, setState] = useState<PostState | ''>('');
  const [uncoveredOnly, setUncoveredOnly] = useState(false);
  // Read again when posts or what their verdicts rest on change, here or on another workstation; the rows shown stay until then.
  const changes = useChangeCount(anyRecord);
  const { page, error, busy } = usePage(() => api['posts.page']({ ...view, state: state || null, uncoveredOnly }), [api, view, state, uncoveredOnly, changes]);
  const filtered = state !== '' || uncoveredOnly;
  return (
    <>
      <div className="list-filters" role="group" aria-label={t('postList.showPosts')}>
        <label>
          {t('postList.state')}{' '}
          <select
            value={state}
            onChange={(event) => {
              setState(event.target.value as PostState | '');
              setView((v) => ({ ...v, offset: 0 }));
            }}
          >
            <option value="">{t('postList.anyState')}</option>
            {postStates.map((s) => (
              <option key={s} value={s}>
                {postStateLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={uncoveredOnly}
            onChange={(event) => {
              setUncoveredOnly(event.target.checked);
              setView((v) => ({ ...v, offset: 0 }));
            }}
          />{' '}
          {t('postList.onlyUncovered')}
        </label>
      </div>
      <StatusMessage tone="problem">{error ? messageOf(error) : null}</StatusMessage>
      {error ? null : (
        <DataTable
          caption={t('postList.posts')}
          counted={(total) => t('postList.postCount', { count: total, formatted: formatNumber(total) })}
          pagerLabel={t('postList.pagesOfPosts')}
          columns={columns}
          page={page}
          view={view}
          onView={setView}
          rowKey={(p) => p.id}
          busy={busy}
          empty={filtered ? t('postList.noPostsMatchTheseFilters') : t('postList.noPostsYet')}
        />
      )}
    </>
  );
}
