import { useId, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { FieldMessages, describedByOf } from './FieldMessages';
import './choice-group.css';
import './form-field.css';

export interface Choice {
  value: string;
  label: string;
}

interface ChoiceGroupFieldProps {
  /** The question the choices answer, read out before each of them. */
  legend: string;
  /** Checkboxes (any number of choices) or radio buttons (exactly one). */
  type: 'checkbox' | 'radio';
  choices: readonly Choice[];
  /** One registration for the whole group: react-hook-form collects the ticked values. */
  registration: UseFormRegisterReturn;
  hint?: ReactNode;
  error?: string | undefined;
  /** Lay the choices out in columns when there are many. */
  columns?: boolean;
  className?: string;
}

/**
 * A fieldset of checkboxes or radio buttons bound to one form field, with
 * the legend, hint and error announced with each choice.
 */
export function ChoiceGroupField({ legend, type, choices, registration, hint, error, columns, className }: ChoiceGroupFieldProps) {
  const id = useId();
  const describedBy = describedByOf(id, hint, error);
  return (
    <fieldset
      className={['choice-group', className].filter(Boolean).join(' ')}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
    >
      <legend className="choice-group-legend">{legend}</legend>
      <FieldMessages id={id} hint={hint} error={error} />
      <div className={columns ? 'choice-group-options choice-group-columns' : 'choice-group-options'}>
        {choices.map((choice) => (
          <div key={choice.value} className="field-checkbox choice-group-option">
            <input id={`${id}-${choice.value}`} type={type} className="checkbox" value={choice.value} {...registration} />
            <label htmlFor={`${id}-${choice.value}`}>{choice.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
