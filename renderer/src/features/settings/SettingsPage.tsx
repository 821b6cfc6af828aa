import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/settings';
import { useApi } from '../../api/api-context';
import { messageOf } from '../../components/error-message';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { SettingsForm } from './SettingsForm';
import { StoreHealthSection } from './StoreHealthSection';

/** Practice-wide settings: the practice's name and address for revocations, and the idle lock time. */
export function SettingsPage() {
  const { t } = useTranslation(['settings', 'common']);
  const api = useApi();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api['settings.get']({}).then(
      (loaded) => current && setSettings(loaded),
      (error: unknown) => current && setLoadError(messageOf(error)),
    );
    return () => {
      current = false;
    };
  }, [api]);

  return (
    <>
      <PageHeading>{t('settingsPage.settings')}</PageHeading>
      {loadError ? <StatusMessage tone="problem">{loadError}</StatusMessage> : null}
      {settings ? <SettingsForm settings={settings} /> : loadError ? null : <p aria-busy="true">{t('settingsPage.loadingSettings')}</p>}
      <StoreHealthSection />
    </>
  );
}
