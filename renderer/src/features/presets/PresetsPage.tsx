import { formResolver } from '../../components/form-resolver';
import { useCallback, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { channelLabels, channels, contentKindLabels, contentKinds, purposeLabels, purposes } from '../../../../shared/authorization/scope';
import type { PresetFields, ScopePreset } from '../../../../shared/authorization/scope-preset';
import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { ChoiceGroupField } from '../../components/ChoiceGroupField';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TableScroll } from '../../components/TableScroll';
import { useLoaded } from '../../components/use-loaded';
import { currentLanguage } from '../../i18n/i18n';
import '../../components/buttons.css';
import '../../components/table.css';
import { emptyPresetForm, formOfPreset, presetFormSchema, type PresetFormInput } from './preset-form-schema';
import './presets.css';

const choicesOf = <T extends string>(codes: readonly T[], labels: Record<T, string>) => codes.map((value) => ({ value, label: labels[value] }));

function durationText(preset: ScopePreset, t: TFunction<['presets', 'common']>): string {
  if (preset.duration.kind === 'none') return t('presetsPage.setByTheCoordinator');
  const { months } = preset.duration;
  return months === 12 ? t('presetsPage.oneYear') : t('presetsPage.months', { count: months });
}

/** The scope in the words the authorization uses, in the staff member's language. */
function scopeText(preset: ScopePreset, t: TFunction<['presets', 'common']>): string {
  const language = currentLanguage();
  const kinds = preset.scope.contentKinds.map((k) => contentKindLabels[language][k]).join(', ');
  const places = preset.scope.channels.map((c) => channelLabels[language][c]).join(', ');
  return t('presetsPage.kindsOnPlaces', { kinds, places });
}

/**
 * Presets of authorization scope, for administrators: the front desk starts
 * an authorization from one. Every change is saved as a new version, and a
 * preset is retired rather than deleted, so what each said stays on record.
 */
export function PresetsPage() {
  const api = useApi();
  const { t } = useTranslation(['presets', 'common']);
  const load = useCallback(() => api['presets.list']({}), [api]);
  const { value: presets, error, reload } = useLoaded(load);
  const [editing, setEditing] = useState<ScopePreset | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  return (
    <>
      <PageHeading>{t('presetsPage.authorizationPresets')}</PageHeading>
      <p className="lead">{t('presetsPage.aPresetFillsIn')}</p>
      {message ? <StatusMessage tone="success">{message}</StatusMessage> : null}
      {error ? <StatusMessage tone="problem">{error}</StatusMessage> : null}
      <PresetForm
        key={editing ? `${editing.id}-${editing.version}` : 'new'}
        editing={editing}
        onSaved={(saved) => {
          setEditing(null);
          setMessage(t('presetsPage.savedAsVersion', { name: saved.name, version: saved.version }));
          reload();
        }}
        onCancel={() => setEditing(null)}
      />
      <section className="card" aria-labelledby="presets-list-heading">
        <h2 id="presets-list-heading">{t('presetsPage.thePracticesPresets')}</h2>
        {!presets ? (
          <p aria-busy="true">{t('common:loading')}</p>
        ) : presets.length === 0 ? (
          <p>{t('presetsPage.noPresetsYet')}</p>
        ) : (
          <TableScroll label={t('presetsPage.presetsAndTheirLatestVersions')}>
            <table className="data-table">
              <caption className="visually-hidden">{t('presetsPage.presetsWithTheirLatestVersion')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('presetsPage.name')}</th>
                  <th scope="col">{t('presetsPage.whatAndWhere')}</th>
                  <th scope="col">{t('presetsPage.endsAfter')}</th>
                  <th scope="col">{t('presetsPage.version')}</th>
                  <th scope="col">{t('presetsPage.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {presets.map((preset) => (
                  <tr key={preset.id}>
                    <th scope="row">{preset.name}</th>
                    <td>{scopeText(preset, t)}</td>
                    <td>{durationText(preset, t)}</td>
                    <td>{preset.retired ? t('presetsPage.versionRetired', { version: preset.version }) : preset.version}</td>
                    <td>
                      {preset.retired ? null : (
                        <div className="preset-actions">
                          <button type="button" className="button button-secondary button-small" onClick={() => setEditing(preset)}>
                            {t('presetsPage.change')}<span className="visually-hidden"> {preset.name}</span>
                          </button>
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            onClick={() =>
                              void api['presets.retire']({ id: preset.id }).then(
                                (retired) => {
                                  setMessage(t('presetsPage.retiredVersionsKept', { name: retired.name }));
                                  reload();
                                },
                                () => reload(),
                              )
                            }
                          >
                            {t('presetsPage.retire')}<span className="visually-hidden"> {preset.name}</span>
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  );
}

function PresetForm({ editing, onSaved, onCancel }: { editing: ScopePreset | null; onSaved: (preset: ScopePreset) => void; onCancel: () => void }) {
  const api = useApi();
  const { t } = useTranslation('presets');
  const language = currentLanguage();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PresetFormInput, unknown, PresetFields>({
    resolver: formResolver(presetFormSchema),
    defaultValues: editing ? formOfPreset(editing) : emptyPresetForm,
  });
  const onSubmit = handleSubmit(async (fields) => {
    setProblem(null);
    try {
      onSaved(await api['presets.save'](editing ? { ...fields, id: editing.id } : fields));
    } catch (error) {
      setProblem(reportCallError(error, setError, { name: 'name', 'scope.contentKinds': 'contentKinds', 'scope.channels': 'channels', 'scope.purposes': 'purposes', duration: 'months', 'duration.months': 'months' }));
    }
  });
  const heading = editing ? t('presetForm.changePreset', { name: editing.name }) : t('presetForm.addAPreset');
  return (
    <section className="card preset-form" aria-labelledby="preset-form-heading">
      <h2 id="preset-form-heading">{heading}</h2>
      <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
        <FormAlert problem={problem} />
        <FormField label={t('presetForm.name')} hint={t('presetForm.nameHint')} registration={register('name')} error={errors.name?.message} />
        <ChoiceGroupField legend={t('presetForm.whatInformationMayBeUsed')} type="checkbox" columns choices={choicesOf(contentKinds, contentKindLabels[language])} registration={register('contentKinds')} error={errors.contentKinds?.message} />
        <ChoiceGroupField legend={t('presetForm.whereItMayAppear')} type="checkbox" columns choices={choicesOf(channels, channelLabels[language])} registration={register('channels')} error={errors.channels?.message} />
        <ChoiceGroupField legend={t('presetForm.whyItWillBeUsed')} type="checkbox" choices={choicesOf(purposes, purposeLabels[language])} registration={register('purposes')} error={errors.purposes?.message} />
        <FormField
          label={t('presetForm.endsAfterMonths')}
          inputMode="numeric"
          className="preset-months"
          hint={t('presetForm.endsAfterMonthsHint')}
          registration={register('months')}
          error={errors.months?.message}
        />
        <div className="form-actions">
          {editing ? (
            <button type="button" className="button button-secondary" onClick={onCancel}>
              {t('presetForm.cancel')}
            </button>
          ) : null}
          <SubmitButton busy={isSubmitting}>{editing ? t('presetForm.saveAsANewVersion') : t('presetForm.addPreset')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
