import { useEffect, useRef } from 'react';
import type { FormProblem } from './call-error';
import './form-alert.css';

/**
 * The problem with a whole form (wrong password, a conflict, the backend
 * failing). The alert region is always present so screen readers announce
 * a message the moment it appears; it takes the focus when no field did.
 */
export function FormAlert({ problem }: { problem: FormProblem | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem?.focus) ref.current?.focus();
  }, [problem]);
  return (
    <div ref={ref} role="alert" tabIndex={-1} className={problem ? 'form-alert' : 'form-alert form-alert-empty'}>
      {problem?.message}
    </div>
  );
}
