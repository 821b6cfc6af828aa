import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { knownTimeZones } from '../../../shared/calendar';
import { SelectField } from './SelectField';

/**
 * The practice's time zone, chosen from the zones this computer knows. Every
 * day a person reads or types (signed, received, published, expires) is a day
 * in this zone.
 */
export function TimeZoneField({ registration, error }: { registration: UseFormRegisterReturn; error?: string | undefined }) {
  const { t } = useTranslation(['components', 'common']);
  const zones = useMemo(() => knownTimeZones(), []);
  return (
    <SelectField
      label={t('timeZoneField.timeZone')}
      hint={t('timeZoneField.thePracticeSOwnIt')}
      registration={registration}
      error={error}
    >
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replace(/_/g, ' ')}
        </option>
      ))}
    </SelectField>
  );
}
