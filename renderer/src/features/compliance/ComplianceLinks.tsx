import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../../shared/roles';
import { useSession } from '../session/app-state-context';
import './compliance.css';

const links: { href: string; label: string; what: string; permission: Permission }[] = [
  { href: '#/audit-export', label: 'Export for audit', what: 'a signed bundle an auditor can check', permission: 'audit.read' },
  { href: '#/reports', label: 'Reports', what: 'uncovered posts, expiring consents, revocations, staff activity', permission: 'audit.read' },
  { href: '#/retention', label: 'Retention', what: 'what may be purged after six years', permission: 'records.purge' },
  { href: '#/backups', label: 'Backups', what: 'encrypted copies, their schedule, restoring one', permission: 'store.backup' },
];

/** The privacy officer's pages, on Home, for the roles that may open them (nothing for the others). */
export function ComplianceLinks() {
  const { t } = useTranslation(['compliance', 'common']);
  const session = useSession();
  const mine = links.filter((link) => session.permissions.includes(link.permission));
  if (mine.length === 0) return null;
  return (
    <section className="card compliance-home" aria-labelledby="home-compliance">
      <h2 id="home-compliance">{t('complianceLinks.auditsAndRecords')}</h2>
      <ul className="compliance-home-links">
        {mine.map((link) => (
          <li key={link.href}>
            <a href={link.href}>{link.label}</a>: {link.what}
          </li>
        ))}
      </ul>
    </section>
  );
}
