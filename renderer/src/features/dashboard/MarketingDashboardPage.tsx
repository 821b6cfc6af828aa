import { useTranslation } from 'react-i18next';
import { postFlagText } from '../../i18n/coverage-reasons';
import { useCallback, useState } from 'react';
import type { PostView } from '../../../../shared/posts/dashboard';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useLoaded } from '../../components/use-loaded';
import { anyRecord } from '../../api/record-events';
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
  const { t } = useTranslation(['dashboard', 'common']);
  const api = useApi();
  const session = useSession();
  const canWrite = session.permissions.includes('posts.write');
  const load = useCallback(() => api['posts.dashboard']({}), [api]);
  const { value: dashboard, error, reload } = useLoaded(load, anyRecord);
  const [recording, setRecording] = useState<PostView | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const required = dashboard?.takedownRequired ?? [];
  return (
    <>
      <PageHeading>{t('marketingDashboardPage.marketingDashboard')}</PageHeading>
      <StatusMessage tone={error ? 'problem' : 'success'}>{error ?? done}</StatusMessage>
      {dashboard === null ? (
        error ? null : <p aria-busy="true">{t('marketingDashboardPage.loadingTheDashboard')}</p>
      ) : (
        <>
          <section
            className={required.length ? 'card dashboard-section takedown-section takedown-section-urgent' : 'card dashboard-section takedown-section'}
            aria-labelledby="takedown-heading"
          >
            <h2 id="takedown-heading" className="section-heading">
              {t('marketingDashboardPage.takeDownRequired')}{dashboard.totals.takedownRequired})
            </h2>
            {required.length ? (
              <p className="takedown-intro">
                {t('marketingDashboardPage.theConsentBehindThesePublished')}
              </p>
            ) : null}
            <TakedownList posts={required} canWrite={canWrite} onRecord={setRecording} />
            {dashboard.totals.takedownRequired > required.length ? (
              <p className="muted">{t('showingFirst', { shown: required.length, total: dashboard.totals.takedownRequired })}</p>
            ) : null}
          </section>
          {dashboard.reviewRequired.length ? (
            <section className="card dashboard-section" aria-labelledby="review-heading">
              <h2 id="review-heading" className="section-heading">
                {t('marketingDashboardPage.toReviewThePatientCame')}{dashboard.totals.reviewRequired})
              </h2>
              <p className="takedown-intro">
                {t('marketingDashboardPage.aParentSignedTheConsent')}
              </p>
              <TakedownList posts={dashboard.reviewRequired} canWrite={canWrite} onRecord={setRecording} reason={(post) => postFlagText(post, post.reviewReason)} />
              {dashboard.totals.reviewRequired > dashboard.reviewRequired.length ? (
                <p className="muted">{t('showingFirst', { shown: dashboard.reviewRequired.length, total: dashboard.totals.reviewRequired })}</p>
              ) : null}
            </section>
          ) : null}
          <ProgramAttention />
          <section className="card dashboard-section" aria-labelledby="expiring-heading">
            <h2 id="expiring-heading" className="section-heading">
              {t('marketingDashboardPage.consentsExpiringSoon')}
            </h2>
            <p className="muted dashboard-note">{t('marketingDashboardPage.postsRelyingOnTheseConsents')}</p>
            <ExpiringConsents expiring={dashboard.expiring} totals={dashboard.totals} />
          </section>
          <section className="card dashboard-section" aria-labelledby="counts-heading">
            <h2 id="counts-heading" className="section-heading">
              {t('marketingDashboardPage.postsByState')}
            </h2>
            <PostCounts counts={dashboard.counts} />
            <p className="dashboard-links">
              <a href="#/posts">{t('marketingDashboardPage.allPosts')}</a> · <a href="#/testimonials">{t('marketingDashboardPage.testimonials')}</a>
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
