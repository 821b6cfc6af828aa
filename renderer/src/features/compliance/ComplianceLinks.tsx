import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../../shared/roles';
import { useSession } from '../session/app-state-context';
import './compliance.css';

const links: { href: string; page: 'auditExport' | 'reports' | 'retention' | 'backups'; permission: Permission }[] = [
  { href: '#/audit-export', page: 'auditExport', permission: 'audit.read' },
  { href: '#/reports', page: 'reports', permission: 'audit.read' },
  { href: '#/retention', page: 'retention', permission: 'records.purge' },
  { href: '#/backups', page: 'backups', permission: 'store.backup' },
];

/** The privacy officer's pages, on Home, for the roles that may open them (nothing for the others). */
export function ComplianceLinks() {
  const { t } = useTranslation(['compliance', 'shell']);
  const session = useSession();
  const mine = links.filter((link) => session.permissions.includes(link.permission));
  if (mine.length === 0) return null;
  return (
    <section className="card compliance-home" aria-labelledby="home-compliance">
      <h2 id="home-compliance">{t('complianceLinks.auditsAndRecords')}</h2>
      <ul className="compliance-home-links">
        {mine.map((link) => (
          <li key={link.href}>
            <a href={link.href}>{t(`shell:pages.${link.page}`)}</a>: {t(`complianceLinks.what.${link.page}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
