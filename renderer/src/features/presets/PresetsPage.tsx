import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useState } from 'react';
import { useForm } from 'react-hook-form';
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
import '../../components/buttons.css';
import '../../components/table.css';
import { emptyPresetForm, formOfPreset, presetFormSchema, type PresetFormInput } from './preset-form-schema';
import './presets.css';

const choicesOf = <T extends string>(codes: readonly T[], labels: Record<T, string>) => codes.map((value) => ({ value, label: labels[value] }));

function durationText(preset: ScopePreset): string {
  if (preset.duration.kind === 'none') return 'Set by the coordinator';
  const { months } = preset.duration;
  return months === 12 ? '1 year' : months === 1 ? '1 month' : `${months} months`;
}

function scopeText(preset: ScopePreset): string {
  const kinds = preset.scope.contentKinds.map((k) => contentKindLabels.en[k]).join(', ');
  const places = preset.scope.channels.map((c) => channelLabels.en[c]).join(', ');
  return `${kinds} · on ${places}`;
}

/**
 * Presets of authorization scope, for administrators: the front desk starts
 * an authorization from one. Every change is saved as a new version, and a
 * preset is retired rather than deleted, so what each said stays on record.
 */
export function PresetsPage() {
  const api = useApi();
  const load = useCallback(() => api['presets.list']({}), [api]);
  const { value: presets, error, reload } = useLoaded(load);
  const [editing, setEditing] = useState<ScopePreset | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  return (
    <>
      <PageHeading>Authorization presets</PageHeading>
      <p className="lead">
        A preset fills in what may be used, where, why and for how long, so the front desk does not tick every authorization from scratch. The
        patient still reads and signs the whole authorization.
      </p>
      {message ? <StatusMessage tone="success">{message}</StatusMessage> : null}
      {error ? <StatusMessage tone="problem">{error}</StatusMessage> : null}
      <PresetForm
        key={editing ? `${editing.id}-${editing.version}` : 'new'}
        editing={editing}
        onSaved={(saved) => {
          setEditing(null);
          setMessage(`Saved “${saved.name}” as version ${saved.version}.`);
          reload();
        }}
        onCancel={() => setEditing(null)}
      />
      <section className="card" aria-labelledby="presets-list-heading">
        <h2 id="presets-list-heading">The practice’s presets</h2>
        {!presets ? (
          <p aria-busy="true">Loading…</p>
        ) : presets.length === 0 ? (
          <p>No presets yet.</p>
        ) : (
          <TableScroll label="Presets and their latest versions">
            <table className="data-table">
              <caption className="visually-hidden">Presets, with their latest version</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">What and where</th>
                  <th scope="col">Ends after</th>
                  <th scope="col">Version</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {presets.map((preset) => (
                  <tr key={preset.id}>
                    <th scope="row">{preset.name}</th>
                    <td>{scopeText(preset)}</td>
                    <td>{durationText(preset)}</td>
                    <td>
                      {preset.version}
                      {preset.retired ? ' (retired)' : ''}
                    </td>
                    <td>
                      {preset.retired ? null : (
                        <div className="preset-actions">
                          <button type="button" className="button button-secondary button-small" onClick={() => setEditing(preset)}>
                            Change<span className="visually-hidden"> {preset.name}</span>
                          </button>
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            onClick={() =>
                              void api['presets.retire']({ id: preset.id }).then(
                                (retired) => {
                                  setMessage(`Retired “${retired.name}”. Its versions are kept.`);
                                  reload();
                                },
                                () => reload(),
                              )
                            }
                          >
                            Retire<span className="visually-hidden"> {preset.name}</span>
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
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PresetFormInput, unknown, PresetFields>({
    resolver: zodResolver(presetFormSchema),
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
  const heading = editing ? `Change “${editing.name}”` : 'Add a preset';
  return (
    <section className="card preset-form" aria-labelledby="preset-form-heading">
      <h2 id="preset-form-heading">{heading}</h2>
      <form noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSubmit(event)}>
        <FormAlert problem={problem} />
        <FormField label="Name" hint="As the front desk will see it, such as “Before-and-after photos on Instagram and the website, one year”." registration={register('name')} error={errors.name?.message} />
        <ChoiceGroupField legend="What information may be used" type="checkbox" columns choices={choicesOf(contentKinds, contentKindLabels.en)} registration={register('contentKinds')} error={errors.contentKinds?.message} />
        <ChoiceGroupField legend="Where it may appear" type="checkbox" columns choices={choicesOf(channels, channelLabels.en)} registration={register('channels')} error={errors.channels?.message} />
        <ChoiceGroupField legend="Why it will be used" type="checkbox" choices={choicesOf(purposes, purposeLabels.en)} registration={register('purposes')} error={errors.purposes?.message} />
        <FormField
          label="Ends after (months)"
          inputMode="numeric"
          className="preset-months"
          hint="From the day the authorization is prepared, 1 to 120. Leave it empty to let the front desk set the end."
          registration={register('months')}
          error={errors.months?.message}
        />
        <div className="form-actions">
          {editing ? (
            <button type="button" className="button button-secondary" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
          <SubmitButton busy={isSubmitting}>{editing ? 'Save as a new version' : 'Add preset'}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
