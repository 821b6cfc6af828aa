import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useCallback, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useApi } from '../../api/api-context';
import { CheckboxField } from '../../components/CheckboxField';
import { FormField } from '../../components/FormField';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useLoaded } from '../../components/use-loaded';
import { lastYearRange, showDay } from '../compliance/compliance-format';
import { dayRangeFormSchema, type DayRangeFormValues } from '../compliance/day-range-schema';
import { DownloadReportButton, type ReportOutcome } from './DownloadReportButton';
import { ExpiringConsentsSection } from './ExpiringConsentsSection';
import { ReportSection } from './ReportSection';
import { RevocationsSection } from './RevocationsSection';
import { StaffActivitySection } from './StaffActivitySection';
import { UncoveredPostsSection } from './UncoveredPostsSection';
import { ComplianceProgramSection } from '../program/ComplianceProgramSection';
import '../../components/buttons.css';
import '../../components/table.css';
import '../compliance/compliance.css';
import '../marketing/marketing.css';
import './reports.css';

/** The period for the revocations and staff activity reports. */
function PeriodForm({ period, onApply }: { period: DayRangeFormValues; onApply: (period: DayRangeFormValues) => void }) {
  const { t } = useTranslation(['compliance-reports', 'common']);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<DayRangeFormValues>({ resolver: formResolver(dayRangeFormSchema), defaultValues: period });
  return (
    <form className="card compliance-section" aria-labelledby="period-heading" noValidate onSubmit={(event) => void handleSubmit(onApply)(event)}>
      <h2 id="period-heading" className="compliance-section-heading">
        {t('periodForm.periodForRevocationsAndStaff')}
      </h2>
      <div className="report-options">
        <FormField label={t('periodForm.from')} type="date" hint={t('periodForm.firstDay')} registration={register('from')} error={errors.from?.message} />
        <FormField label={t('periodForm.to')} type="date" hint={t('periodForm.lastDayIncluded')} registration={register('to')} error={errors.to?.message} />
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('periodForm.showReportsForThisPeriod')}
          </button>
        </div>
      </div>
    </form>
  );
}

/** Compliance reports on screen, each also as a signed PDF for the file or an auditor. */
export function ReportsPage() {
  const { t } = useTranslation(['compliance-reports', 'common']);
  const api = useApi();
  const [period, setPeriod] = useState<DayRangeFormValues>(lastYearRange);
  const [includeNames, setIncludeNames] = useState(false);
  const [outcome, setOutcome] = useState<ReportOutcome | null>(null);
  const namesNoteId = useId();

  const uncovered = useLoaded(useCallback(() => api['reports.uncoveredPosts']({}), [api]));
  const expiring = useLoaded(useCallback(() => api['reports.expiringConsents']({}), [api]));
  const revocations = useLoaded(useCallback(() => api['reports.revocations'](period), [api, period]));
  const activity = useLoaded(useCallback(() => api['reports.staffActivity'](period), [api, period]));

  const download = (name: string, report: 'uncovered_posts' | 'expiring_consents' | 'revocations' | 'staff_activity', ranged: boolean) => (
    <DownloadReportButton
      name={name}
      request={{ report, includeNames, ...(ranged ? period : {}) }}
      onOutcome={setOutcome}
    />
  );
  const periodText = t('reportsPage.periodRange', { from: showDay(period.from), to: showDay(period.to) });

  return (
    <>
      <PageHeading>{t('reportsPage.reports')}</PageHeading>
      <p className="lead">
        {t('reportsPage.whatAnAuditorAsksFor')}
      </p>
      <CheckboxField
        label={t('reportsPage.includePatientNamesInDownloaded')}
        checked={includeNames}
        onChange={(event) => setIncludeNames(event.target.checked)}
        aria-describedby={namesNoteId}
      />
      <p id={namesNoteId} className="compliance-note">
        {t('reportsPage.offByDefaultThePdfs')}
      </p>
      <StatusMessage tone={outcome?.tone ?? 'info'}>{outcome?.message}</StatusMessage>

      <ReportSection
        id="uncovered-heading"
        title={t('reportsPage.postsWithoutAValidCovering')}
        action={download(t('reportsPage.reportNames.uncoveredPosts'), 'uncovered_posts', false)}
        loading={uncovered.loading}
        error={uncovered.error}
      >
        {uncovered.value ? <UncoveredPostsSection report={uncovered.value} /> : <p>{t('reportsPage.checkingEveryPublishedPost')}</p>}
      </ReportSection>

      <ReportSection
        id="expiring-heading"
        title={t('reportsPage.consentsExpiringInTheNext')}
        action={download(t('reportsPage.reportNames.expiringConsents'), 'expiring_consents', false)}
        loading={expiring.loading}
        error={expiring.error}
      >
        {expiring.value ? <ExpiringConsentsSection report={expiring.value} /> : <p>{t('reportsPage.loading')}</p>}
      </ReportSection>

      <PeriodForm period={period} onApply={setPeriod} />

      <ReportSection
        id="revocations-heading"
        title={t('reportsPage.revocationsTitle', { period: periodText })}
        action={download(t('reportsPage.reportNames.revocations'), 'revocations', true)}
        loading={revocations.loading}
        error={revocations.error}
      >
        {revocations.value ? <RevocationsSection report={revocations.value} /> : <p>{t('reportsPage.loading')}</p>}
      </ReportSection>

      <ReportSection
        id="activity-heading"
        title={t('reportsPage.staffActivityTitle', { period: periodText })}
        action={download(t('reportsPage.reportNames.staffActivity'), 'staff_activity', true)}
        loading={activity.loading}
        error={activity.error}
      >
        {activity.value ? <StaffActivitySection report={activity.value} /> : <p>{t('reportsPage.loading')}</p>}
      </ReportSection>

      <ComplianceProgramSection period={period} onOutcome={setOutcome} />
    </>
  );
}
