import { useEffect, useRef, type ReactNode } from 'react';

/** A section's heading that takes the focus once when the section appears (a form opened, a result shown), so it is read out first. */
export function FocusHeading({ id, children, level = 2 }: { id?: string; children: ReactNode; level?: 2 | 3 }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <H id={id} ref={ref} tabIndex={-1}>
      {children}
    </H>
  );
}
