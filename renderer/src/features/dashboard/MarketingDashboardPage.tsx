import { useCallback, useState } from 'react';
import type { PostView } from '../../../../shared/posts/dashboard';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useLoaded } from '../../components/use-loaded';
import { RecordTakedownDialog } from '../posts/RecordTakedownDialog';
import { useSession } from '../session/app-state-context';
import { ExpiringConsents } from './ExpiringConsents';
import { PostCounts } from './PostCounts';
import { TakedownList } from './TakedownList';
import { ProgramAttention } from '../program/ProgramAttention';
import '../../components/buttons.css';
import '../../components/table.css';
import '../marketing/marketing.css';
import '../posts/posts.css';
import './dashboard.css';

/** Marketing's landing page: what must come down now, what will soon, and where every post stands. */
export function MarketingDashboardPage() {
  const api = useApi();
  const session = useSession();
  const canWrite = session.permissions.includes('posts.write');
  const load = useCallback(() => api['posts.dashboard']({}), [api]);
  const { value: dashboard, error, reload } = useLoaded(load);
  const [recording, setRecording] = useState<PostView | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const required = dashboard?.takedownRequired ?? [];
  return (
    <>
      <PageHeading>Marketing dashboard</PageHeading>
      <StatusMessage tone={error ? 'problem' : 'success'}>{error ?? done}</StatusMessage>
      {dashboard === null ? (
        error ? null : <p aria-busy="true">Loading the dashboard…</p>
      ) : (
        <>
          <section
            className={required.length ? 'card dashboard-section takedown-section takedown-section-urgent' : 'card dashboard-section takedown-section'}
            aria-labelledby="takedown-heading"
          >
            <h2 id="takedown-heading" className="section-heading">
              Take-down required ({required.length})
            </h2>
            {required.length ? (
              <p className="takedown-intro">
                The consent behind these published posts was revoked or has expired. Remove each post from its channel, then
                record the take-down here.
              </p>
            ) : null}
            <TakedownList posts={required} canWrite={canWrite} onRecord={setRecording} />
          </section>
          {dashboard.reviewRequired.length ? (
            <section className="card dashboard-section" aria-labelledby="review-heading">
              <h2 id="review-heading" className="section-heading">
                To review: the patient came of age ({dashboard.reviewRequired.length})
              </h2>
              <p className="takedown-intro">
                A parent signed the consent behind these posts, and the patient has since come of age. What was already
                published in reliance on the parent’s authorization stays lawful, so the posts are not taken down
                automatically; the consent covers nothing new. Review each post, and ask the front desk for a new
                authorization signed by the patient before any new use.
              </p>
              <TakedownList posts={dashboard.reviewRequired} canWrite={canWrite} onRecord={setRecording} reason={(post) => post.reviewReason} />
            </section>
          ) : null}
          <ProgramAttention />
          <section className="card dashboard-section" aria-labelledby="expiring-heading">
            <h2 id="expiring-heading" className="section-heading">
              Consents expiring soon
            </h2>
            <p className="muted dashboard-note">
              On the day a consent expires, the posts relying on it are listed above under take-downs: someone must remove
              each one from where it was published, then record it here. Ask the front desk for a renewal before that day.
            </p>
            <ExpiringConsents expiring={dashboard.expiring} />
          </section>
          <section className="card dashboard-section" aria-labelledby="counts-heading">
            <h2 id="counts-heading" className="section-heading">
              Posts by state
            </h2>
            <PostCounts counts={dashboard.counts} />
            <p className="dashboard-links">
              <a href="#/posts">All posts</a> · <a href="#/testimonials">Testimonials</a>
            </p>
          </section>
        </>
      )}
      {recording ? (
        <RecordTakedownDialog
          post={recording}
          onDone={(_post, message) => {
            setDone(message);
            reload();
          }}
          onClose={() => setRecording(null)}
        />
      ) : null}
    </>
  );
}
