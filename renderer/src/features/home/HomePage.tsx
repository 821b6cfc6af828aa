import { permissionLabels, roleLabels } from '../../../../shared/roles';
import { defaultIdleMinutes } from '../../../../shared/settings';
import { PageHeading } from '../../components/PageHeading';
import { ComplianceLinks } from '../compliance/ComplianceLinks';
import { MarketingAtAGlance } from '../dashboard/MarketingAtAGlance';
import { ProgramAttention } from '../program/ProgramAttention';
import { useAppState, useSession } from '../session/app-state-context';
import { minutesPhrase } from '../session/minutes-phrase';
import { WorkQueues } from './WorkQueues';
import './home-page.css';

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A short welcome and what this role may do (read from the same table the backend enforces). */
export function HomePage() {
  const { state } = useAppState();
  const session = useSession();
  return (
    <>
      <PageHeading>Home</PageHeading>
      <p className="lead">
        Welcome, {session.displayName}. You are signed in{state.practiceName ? ` to ${state.practiceName}` : ''} as{' '}
        {roleLabels[session.role]}.
      </p>
      <WorkQueues />
      <MarketingAtAGlance />
      <ProgramAttention />
      <ComplianceLinks />
      <section className="card home-section" aria-labelledby="home-can-do">
        <h2 id="home-can-do">What your role can do</h2>
        <ul className="home-permissions">
          {session.permissions.map((permission) => (
            <li key={permission}>{sentenceCase(permissionLabels[permission])}</li>
          ))}
        </ul>
      </section>
      <p className="home-lock-note">
        Consent Desk locks itself after {minutesPhrase(state.idleMinutes ?? defaultIdleMinutes)} without input. Use <strong>Lock</strong> at the top
        when you step away, and <strong>Sign out</strong> when you are done.
      </p>
    </>
  );
}
