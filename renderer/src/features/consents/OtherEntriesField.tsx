import { useTranslation } from 'react-i18next';
import { useRef } from 'react';
import { useFieldArray, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { FormField } from '../../components/FormField';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import type { AuthorizationTerms } from '../../../../shared/authorization/scope';
import type { AuthorizationFormValues } from './authorization-form-schema';
import '../../components/buttons.css';
import '../../components/choice-group.css';

interface OtherEntriesFieldProps {
  name: 'otherChannels' | 'otherPurposes' | 'conditions';
  legend: string;
  hint: string;
  /** "Other channel": each row is labelled with it and its number. */
  itemLabel: string;
  addLabel: string;
  max: number;
  control: Control<AuthorizationFormValues, unknown, AuthorizationTerms>;
  register: UseFormRegister<AuthorizationFormValues>;
  errors: FieldErrors<AuthorizationFormValues>;
}

/** Free-text rows for what the lists do not have (a lobby screen, a fundraising campaign), added and removed one by one. */
export function OtherEntriesField({ name, legend, hint, itemLabel, addLabel, max, control, register, errors }: OtherEntriesFieldProps) {
  const { t } = useTranslation(['consents', 'common']);
  const { fields, append, remove } = useFieldArray({ control, name });
  const addButton = useRef<HTMLButtonElement>(null);
  const rowErrors = errors[name];
  return (
    <fieldset className="choice-group other-entries">
      <legend className="choice-group-legend">{legend}</legend>
      <p className="field-hint">{hint}</p>
      {fields.map((field, index) => (
        <div key={field.id} className="other-entry">
          <FormField
            label={`${itemLabel} ${index + 1}`}
            autoComplete="off"
            registration={register(`${name}.${index}.text`)}
            error={rowErrors?.[index]?.text?.message}
          />
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              remove(index);
              addButton.current?.focus();
            }}
          >
            {t('otherEntriesField.remove')}<VisuallyHidden>{` ${itemLabel.toLowerCase()} ${index + 1}`}</VisuallyHidden>
          </button>
        </div>
      ))}
      {fields.length < max ? (
        <button ref={addButton} type="button" className="button button-secondary button-small" onClick={() => append({ text: '' })}>
          {addLabel}
        </button>
      ) : null}
    </fieldset>
  );
}
