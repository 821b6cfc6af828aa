import type { ReactNode } from 'react';
import './welcome-layout.css';

/** The frame of the screens shown before anyone is signed in: setup, sign-in, the recovery key. */
export function WelcomeLayout({ children, practiceName }: { children: ReactNode; practiceName?: string | null }) {
  return (
    <div className="welcome">
      <header className="welcome-brand">
        <p className="welcome-product">Consent Desk</p>
        {practiceName ? <p className="welcome-practice">{practiceName}</p> : null}
      </header>
      <main className="welcome-main">
        <div className="card welcome-card">{children}</div>
      </main>
    </div>
  );
}
