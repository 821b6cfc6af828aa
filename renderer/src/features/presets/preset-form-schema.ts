import { z } from 'zod';
import { channels, contentKinds, purposes } from '../../../../shared/authorization/scope';
import { presetFieldsSchema, presetNameSchema, type PresetFields } from '../../../../shared/authorization/scope-preset';
import { i18n } from '../../i18n/i18n';

/** The preset form: checkboxes and a number of months (empty for "no end set"), through the contract's own rules. */
export const presetFormSchema = z
  .object({
    name: presetNameSchema,
    contentKinds: z.array(z.enum(contentKinds)).min(1, { error: () => i18n.t('validation:presets.contentKinds') }),
    channels: z.array(z.enum(channels)).min(1, { error: () => i18n.t('validation:presets.channels') }),
    purposes: z.array(z.enum(purposes)).min(1, { error: () => i18n.t('validation:presets.purposes') }),
    // Checked here, on the field the person typed in, not only by the preset's own rule behind it.
    months: z
      .string()
      .trim()
      .refine((value) => value === '' || (/^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 120), { error: () => i18n.t('validation:presets.months') }),
  })
  .transform(
    (form): z.input<typeof presetFieldsSchema> => ({
      name: form.name,
      scope: { contentKinds: form.contentKinds, channels: form.channels, otherChannels: [], purposes: form.purposes, otherPurposes: [] },
      duration: form.months === '' ? { kind: 'none' } : { kind: 'months', months: Number(form.months) },
    }),
  )
  .pipe(presetFieldsSchema);

export type PresetFormInput = z.input<typeof presetFormSchema>;

export const emptyPresetForm: PresetFormInput = { name: '', contentKinds: [], channels: [], purposes: [], months: '12' };

export function formOfPreset(preset: PresetFields): PresetFormInput {
  return {
    name: preset.name,
    contentKinds: [...preset.scope.contentKinds],
    channels: [...preset.scope.channels],
    purposes: [...preset.scope.purposes],
    months: preset.duration.kind === 'months' ? String(preset.duration.months) : '',
  };
}
