import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A screen's <h1>. It takes the focus when the screen appears, so after
 * navigating, keyboard and screen-reader users start at the new content.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
