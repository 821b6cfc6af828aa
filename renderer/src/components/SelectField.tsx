import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { FieldMessages, describedByOf } from './FieldMessages';
import './form-field.css';

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name' | 'onChange' | 'onBlur'> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  registration: UseFormRegisterReturn;
  children: ReactNode;
}

/** A labelled select with its hint and error tied to it. */
export function SelectField({ label, hint, error, registration, children, className, ...selectProps }: SelectFieldProps) {
  const id = useId();
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <select
        id={id}
        className="field-input field-select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByOf(id, hint, error)}
        {...selectProps}
        {...registration}
      >
        {children}
      </select>
    </div>
  );
}
