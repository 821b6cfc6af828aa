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
  const zones = useMemo(() => knownTimeZones(), []);
  return (
    <SelectField
      label="Time zone"
      hint="The practice’s own: it decides the date of every signature, revocation, publication and expiry."
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
