import type { ReactNode } from 'react';
import './status-message.css';

/**
 * A polite live region for results (saved, verified). It is always in the
 * page so that a message put into it is announced.
 */
export function StatusMessage({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'problem' }) {
  return (
    <div role="status" className={children ? `status-message status-${tone}` : 'status-message status-empty'}>
      {children}
    </div>
  );
}
