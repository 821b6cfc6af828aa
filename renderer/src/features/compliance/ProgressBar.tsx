import { useId } from 'react';
import './compliance.css';

interface ProgressBarProps {
  /** What is being done now, shown above the bar and naming it for assistive technology. */
  label: string;
  done: number;
  total: number;
  /** How the count reads, e.g. "5 of 17 files". */
  countText: string;
}

/**
 * A progress bar with its label and count: role=progressbar with the
 * current value (aria-valuenow), so screen readers can ask how far the
 * work has got; a native <progress> draws it (no inline styles: the CSP
 * allows none).
 */
export function ProgressBar({ label, done, total, countText }: ProgressBarProps) {
  const id = useId();
  const max = Math.max(total, 1);
  const value = Math.min(Math.max(done, 0), max);
  const percent = Math.round((value / max) * 100);
  return (
    <div className="progress">
      <p id={`${id}-label`} className="progress-label">
        {label}
      </p>
      <div
        className="progress-track"
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={`${countText} (${percent}%)`}
      >
        {/* The picture of it; the element around it is what assistive technology reads. */}
        <progress className="progress-bar" aria-hidden="true" max={max} value={value} />
      </div>
      <p className="progress-count">{countText}</p>
    </div>
  );
}
