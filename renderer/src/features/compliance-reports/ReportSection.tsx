import type { ReactNode } from 'react';
import { StatusMessage } from '../../components/StatusMessage';

interface ReportSectionProps {
  id: string;
  title: string;
  /** The report's download button. */
  action: ReactNode;
  loading: boolean;
  error: string | null;
  children: ReactNode;
}

/** One report on screen: its heading, its "Download PDF", and the report once loaded. */
export function ReportSection({ id, title, action, loading, error, children }: ReportSectionProps) {
  return (
    <section className="card compliance-section report-section" aria-labelledby={id} aria-busy={loading}>
      <div className="report-section-header">
        <h2 id={id} className="compliance-section-heading">
          {title}
        </h2>
        {action}
      </div>
      <StatusMessage tone="problem">{error}</StatusMessage>
      {error ? null : children}
    </section>
  );
}
