import { PageHeading } from '../../components/PageHeading';
import './startup-screen.css';

/** Before the first app.state arrives, or when the backend cannot answer it. */
export function StartupScreen({ error }: { error: string | null }) {
  if (!error) {
    return (
      <main className="startup" aria-busy="true">
        <p role="status">Opening Consent Desk…</p>
      </main>
    );
  }
  return (
    <main className="startup">
      <PageHeading>Consent Desk cannot start</PageHeading>
      <p role="alert" className="startup-error">
        {error}
      </p>
      <p>Close Consent Desk and open it again. If this keeps happening, ask your administrator.</p>
    </main>
  );
}
