import type { ReactNode } from 'react';
import './table.css';

/**
 * The frame of a wide table: it scrolls sideways inside itself when the
 * window is narrow (or zoomed), so the page never does. It can take the
 * focus, so keyboard users can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
