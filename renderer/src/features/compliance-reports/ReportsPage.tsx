import { zodResolver } from '@hookform/resolvers/zod';
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
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<DayRangeFormValues>({ resolver: zodResolver(dayRangeFormSchema), defaultValues: period });
  return (
    <form className="card compliance-section" aria-labelledby="period-heading" noValidate onSubmit={(event) => void handleSubmit(onApply)(event)}>
      <h2 id="period-heading" className="compliance-section-heading">
        Period for revocations, staff activity and the compliance program
      </h2>
      <div className="report-options">
        <FormField label="From" type="date" hint="First day" registration={register('from')} error={errors.from?.message} />
        <FormField label="To" type="date" hint="Last day, included" registration={register('to')} error={errors.to?.message} />
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            Show reports for this period
          </button>
        </div>
      </div>
    </form>
  );
}

/** Compliance reports on screen, each also as a signed PDF for the file or an auditor. */
export function ReportsPage() {
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
  const periodText = `${showDay(period.from)} to ${showDay(period.to)}`;

  return (
    <>
      <PageHeading>Reports</PageHeading>
      <p className="lead">
        What an auditor asks for first. Each report is on screen for anyone with access to the audit trail, and can be saved as
        a PDF signed by the practice certificate.
      </p>
      <CheckboxField
        label="Include patient names in downloaded PDFs"
        checked={includeNames}
        onChange={(event) => setIncludeNames(event.target.checked)}
        aria-describedby={namesNoteId}
      />
      <p id={namesNoteId} className="compliance-note">
        Off by default: the PDFs then identify patients by id only. The reports on screen always show names.
      </p>
      <StatusMessage tone={outcome?.tone ?? 'info'}>{outcome?.message}</StatusMessage>

      <ReportSection
        id="uncovered-heading"
        title="Posts without a valid, covering consent"
        action={download('uncovered posts', 'uncovered_posts', false)}
        loading={uncovered.loading}
        error={uncovered.error}
      >
        {uncovered.value ? <UncoveredPostsSection report={uncovered.value} /> : <p>Checking every published post…</p>}
      </ReportSection>

      <ReportSection
        id="expiring-heading"
        title="Consents expiring in the next 90 days"
        action={download('expiring consents', 'expiring_consents', false)}
        loading={expiring.loading}
        error={expiring.error}
      >
        {expiring.value ? <ExpiringConsentsSection report={expiring.value} /> : <p>Loading…</p>}
      </ReportSection>

      <PeriodForm period={period} onApply={setPeriod} />

      <ReportSection
        id="revocations-heading"
        title={`Revocations, ${periodText}`}
        action={download('revocations', 'revocations', true)}
        loading={revocations.loading}
        error={revocations.error}
      >
        {revocations.value ? <RevocationsSection report={revocations.value} /> : <p>Loading…</p>}
      </ReportSection>

      <ReportSection
        id="activity-heading"
        title={`Staff activity, ${periodText}`}
        action={download('staff activity', 'staff_activity', true)}
        loading={activity.loading}
        error={activity.error}
      >
        {activity.value ? <StaffActivitySection report={activity.value} /> : <p>Loading…</p>}
      </ReportSection>

      <ComplianceProgramSection period={period} onOutcome={setOutcome} />
    </>
  );
}
