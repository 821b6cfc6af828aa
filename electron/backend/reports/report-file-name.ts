import type { ReportData } from './report-pdf';

/**
 * The file's name carries the practice's day it was made (not the UTC one).
 * Apart from report-pdf.ts so that naming a report (in the backend, while the
 * PDF worker renders it) does not load pdf-lib and fontkit.
 */
export function reportFileName(kind: ReportData['kind'], day: string): string {
  return `report-${kind.replace(/_/g, '-')}-${day}.pdf`;
}
