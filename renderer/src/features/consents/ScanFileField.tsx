import { FieldMessages, describedByOf } from '../../components/FieldMessages';
import { i18n } from '../../i18n/i18n';

export const scanTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type ScanType = (typeof scanTypes)[number];
const maxScanBytes = 20_000_000;

/** What is wrong with a picked scan, in words; `missing` when none is picked and one is required. */
export function scanProblem(file: File | null, missing: string | null = null): string | null {
  if (!file) return missing;
  if (!(scanTypes as readonly string[]).includes(file.type)) return i18n.t('validation:authorization.scanType');
  if (file.size > maxScanBytes) return i18n.t('validation:authorization.scanSize');
  return null;
}

/** A file picker for a scan (PDF, PNG or JPEG), with its hint and error announced with it. */
export function ScanFileField({ id, label, hint, error, onPick }: { id: string; label: string; hint: string; error: string | null; onPick: (file: File | null) => void }) {
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error ?? undefined} />
      <input
        id={id}
        type="file"
        className="field-input"
        accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByOf(id, hint, error ?? undefined)}
        onChange={(event) => onPick(event.target.files?.[0] ?? null)}
      />
    </div>
  );
}
