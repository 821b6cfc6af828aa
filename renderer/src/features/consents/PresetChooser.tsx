import { useTranslation } from 'react-i18next';
import { useCallback, useId, useState } from 'react';
import type { ScopePreset } from '../../../../shared/authorization/scope-preset';
import { useApi } from '../../api/api-context';
import { useLoaded } from '../../components/use-loaded';
import '../../components/buttons.css';

/**
 * "Start from a preset": the practice's presets of scope (kept by an
 * administrator under Presets). Applying one fills in what may be used,
 * where, why and until when; the coordinator still checks every part, and
 * the patient reads and signs the whole text it produces.
 */
export function PresetChooser({ onApply }: { onApply: (preset: ScopePreset) => void }) {
  const api = useApi();
  const { t } = useTranslation('presets');
  const load = useCallback(() => api['presets.list']({}), [api]);
  const { value } = useLoaded(load);
  const [chosen, setChosen] = useState('');
  const [applied, setApplied] = useState<string | null>(null);
  const id = useId();
  const presets = (value ?? []).filter((p) => !p.retired);
  if (presets.length === 0) return null;
  const preset = presets.find((p) => p.id === chosen);
  return (
    <div className="preset-chooser">
      <label htmlFor={id} className="field-label">
        {t('presetChooser.startFromAPreset')}
      </label>
      <div className="preset-chooser-row">
        <select id={id} className="field-input" value={chosen} onChange={(event) => setChosen(event.target.value)} aria-describedby={`${id}-hint`}>
          <option value="">{t('presetChooser.chooseAPreset')}</option>
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button-secondary"
          disabled={!preset}
          onClick={() => {
            if (!preset) return;
            onApply(preset);
            setApplied(t('presetChooser.filledInFrom', { name: preset.name, version: preset.version }));
          }}
        >
          {t('presetChooser.applyPreset')}
        </button>
      </div>
      <p id={`${id}-hint`} className="field-hint">
        {t('presetChooser.aPresetTicks')}
      </p>
      <p role="status" className="preset-applied">
        {applied ?? ''}
      </p>
    </div>
  );
}
