import { PageHeading } from '../../components/PageHeading';
import './startup-screen.css';

/**
 * The folder holds a store's remains but no key file: setting up here would
 * hide the real data, so the app says what is there and what to do instead.
 */
export function UnusableStoreScreen({ problem }: { problem: string }) {
  return (
    <main className="startup">
      <PageHeading>Consent Desk cannot open its data</PageHeading>
      <p role="alert" className="startup-error">
        {problem}
      </p>
      <p>Ask your administrator. Nothing was changed, and no new store was set up over this data.</p>
    </main>
  );
}
