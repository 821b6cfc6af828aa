import { channelName, contentKindName, statusLabel } from '../../i18n/labels';
import { currentLanguage } from '../../i18n/i18n';
import { useTranslation } from 'react-i18next';
import { purposeLabels } from '../../../../shared/authorization/scope';

import type { ConsentScopeView } from '../../../../shared/posts/consent-scope';
import { showDay, showDayOf } from './dates';
import './marketing.css';
import { i18n } from '../../i18n/i18n';

/** When a consent ends, in a few words. */
export function expiryText(consent: ConsentScopeView): string {
  if (consent.revokedAt) return i18n.t('marketing:consentScopeSummary.revokedOn', { day: showDayOf(consent.revokedAt) });
  if (consent.expiration.kind === 'date') {
    return i18n.t(consent.status === 'expired' ? 'marketing:consentScopeSummary.expiredOn' : 'marketing:consentScopeSummary.expiresOn', { day: showDay(consent.expiration.date) });
  }
  if (consent.expirationEventAt) return i18n.t('marketing:consentScopeSummary.endedOn', { day: showDayOf(consent.expirationEventAt), event: consent.expiration.event });
  return i18n.t('marketing:consentScopeSummary.endsWhen', { event: consent.expiration.event });
}

/** A consent's status line: "Active · signed November 29, 2026 · expires on June 30, 2027". */
export function consentHeadline(consent: ConsentScopeView): string {
  const signed = consent.signedAt ? ` · signed ${showDayOf(consent.signedAt)}` : '';
  return `${statusLabel(consent.status)}${signed} · ${expiryText(consent).replace(/^./, (c) => c.toLowerCase())}`;
}

/** What a consent allows: content, channels, purposes and whether a third party may pay. */
export function ConsentScopeSummary({ consent, id }: { consent: ConsentScopeView; id?: string }) {
  const { t } = useTranslation(['marketing', 'common']);
  const { scope } = consent;
  const channelsAllowed = [...scope.channels.map(channelName), ...scope.otherChannels];
  const purposesAllowed = [...scope.purposes.map((p) => purposeLabels[currentLanguage()][p]), ...scope.otherPurposes];
  return (
    <dl className="scope-summary" id={id}>
      <div>
        <dt>{t('consentScopeSummary.content')}</dt>
        <dd>{scope.contentKinds.map((kind) => contentKindName(kind)).join(', ') || t('consentScopeSummary.none')}</dd>
      </div>
      <div>
        <dt>{t('consentScopeSummary.channels')}</dt>
        <dd>{channelsAllowed.join(', ') || t('consentScopeSummary.none')}</dd>
      </div>
      <div>
        <dt>{t('consentScopeSummary.purposes')}</dt>
        <dd>{purposesAllowed.join('; ') || t('consentScopeSummary.none')}</dd>
      </div>
      <div>
        <dt>{t('consentScopeSummary.paidByAThirdParty')}</dt>
        <dd>{consent.remuneration.thirdPartyPays ? `${t('consentScopeSummary.allowed')}${consent.remuneration.payer ? ` (${consent.remuneration.payer})` : ''}` : t('consentScopeSummary.notStatedUnpaidPostsOnly')}</dd>
      </div>
    </dl>
  );
}
