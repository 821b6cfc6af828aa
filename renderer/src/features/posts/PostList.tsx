import { useState } from 'react';
import { defaultPageSize } from '../../../../shared/list-page';
import type { PostListRow, PostSort } from '../../../../shared/list-rows';
import { channelName } from '../../../../shared/posts/coverage';
import { postStateLabels, postStates, type PostState } from '../../../../shared/posts/post';
import { useApi } from '../../api/api-context';
import { DataTable, usePage, type DataColumn, type ListView } from '../../components/DataTable';
import { messageOf } from '../../components/error-message';
import { StatusMessage } from '../../components/StatusMessage';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { showDayOf } from '../marketing/dates';
import { PostStateBadge } from '../marketing/PostStateBadge';
import { hashHref } from '../marketing/use-hash-query';
import { postName } from './post-naming';
import '../../components/table.css';

const columns: DataColumn<PostListRow, PostSort>[] = [
  {
    id: 'testimonial',
    header: 'Testimonial',
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
  { id: 'channel', header: 'Channel', sortKey: 'channel', cell: ({ row }) => channelName(row.original.channel) },
  { id: 'state', header: 'State', sortKey: 'state', cell: ({ row }) => <PostStateBadge state={row.original.state} /> },
  {
    id: 'verdict',
    header: 'May it be posted?',
    cell: ({ row: { original: post } }) =>
      post.covered ? (
        <span className="verdict-short verdict-short-yes">Covered</span>
      ) : (
        <>
          <span className="verdict-short verdict-short-no">Not covered</span>
          <ul className="verdict-short-reasons">
            {post.reasons.map((reason) => (
              <li key={`${reason.code}-${reason.message}`}>{reason.message}</li>
            ))}
          </ul>
        </>
      ),
  },
  { id: 'updatedAt', header: 'Last change', sortKey: 'updatedAt', cell: ({ row }) => <span className="post-updated">{showDayOf(row.original.updatedAt)}</span> },
  {
    id: 'open',
    header: () => <VisuallyHidden>Open</VisuallyHidden>,
    cell: ({ row: { original: post } }) => (
      <a className="button button-secondary button-small" href={hashHref('/posts', { post: post.id })}>
        Open<VisuallyHidden> {postName(post)}</VisuallyHidden>
      </a>
    ),
  },
];

const firstView: ListView<PostSort> = { sort: 'updatedAt', direction: 'desc', offset: 0, limit: defaultPageSize };

/** Posts, a page at a time, with their state and, in a few words, whether the consent covers each today (the kept verdict). */
export function PostList() {
  const api = useApi();
  const [view, setView] = useState(firstView);
  const [state, setState] = useState<PostState | ''>('');
  const [uncoveredOnly, setUncoveredOnly] = useState(false);
  const { page, error, busy } = usePage(() => api['posts.page']({ ...view, state: state || null, uncoveredOnly }), [api, view, state, uncoveredOnly]);
  const filtered = state !== '' || uncoveredOnly;
  return (
    <>
      <div className="list-filters" role="group" aria-label="Show posts">
        <label>
          State{' '}
          <select
            value={state}
            onChange={(event) => {
              setState(event.target.value as PostState | '');
              setView((v) => ({ ...v, offset: 0 }));
            }}
          >
            <option value="">Any state</option>
            {postStates.map((s) => (
              <option key={s} value={s}>
                {postStateLabels[s]}
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
          Only posts their consent does not cover
        </label>
      </div>
      <StatusMessage tone="problem">{error ? messageOf(error) : null}</StatusMessage>
      {error ? null : (
        <DataTable
          caption="Posts"
          noun={{ one: 'post', many: 'posts' }}
          columns={columns}
          page={page}
          view={view}
          onView={setView}
          rowKey={(p) => p.id}
          busy={busy}
          empty={filtered ? 'No posts match these filters.' : 'No posts yet.'}
        />
      )}
    </>
  );
}
