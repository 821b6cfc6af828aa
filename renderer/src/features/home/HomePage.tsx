import { permissionLabel, roleLabel } from '../../i18n/labels';
import { Trans, useTranslation } from 'react-i18next';
import { defaultIdleMinutes } from '../../../../shared/settings';
import { PageHeading } from '../../components/PageHeading';
import { ComplianceLinks } from '../compliance/ComplianceLinks';
import { MarketingAtAGlance } from '../dashboard/MarketingAtAGlance';
import { ProgramAttention } from '../program/ProgramAttention';
import { useAppState, useSession } from '../session/app-state-context';
import { WorkQueues } from './WorkQueues';
import './home-page.css';

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A short welcome and what this role may do (read from the same table the backend enforces). */
export function HomePage() {
  const { t } = useTranslation(['home', 'common']);
  const { state } = useAppState();
  const session = useSession();
  return (
    <>
      <PageHeading>{t('homePage.home')}</PageHeading>
      <p className="lead">
        {state.practiceName
          ? t('homePage.welcomeAt', { name: session.displayName, practice: state.practiceName, role: roleLabel(session.role) })
          : t('homePage.welcomeNoPractice', { name: session.displayName, role: roleLabel(session.role) })}
      </p>
      <WorkQueues />
      <MarketingAtAGlance />
      <ProgramAttention />
      <ComplianceLinks />
      <section className="card home-section" aria-labelledby="home-can-do">
        <h2 id="home-can-do">{t('homePage.whatYourRoleCanDo')}</h2>
        <ul className="home-permissions">
          {session.permissions.map((permission) => (
            <li key={permission}>{sentenceCase(permissionLabel(permission))}</li>
          ))}
        </ul>
      </section>
      <p className="home-lock-note">
        <Trans t={t} i18nKey="homePage.lockNote" count={state.idleMinutes ?? defaultIdleMinutes} components={{ strong: <strong /> }} />
      </p>
    </>
  );
}
