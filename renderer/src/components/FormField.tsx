import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { FieldMessages, describedByOf } from './FieldMessages';
import './form-field.css';

interface FormFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'onChange' | 'onBlur'> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  registration: UseFormRegisterReturn;
}

/** A labelled text input with its hint and error tied to it for assistive technology. */
export function FormField({ label, hint, error, registration, className, ...inputProps }: FormFieldProps) {
  const id = useId();
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <input
        id={id}
        className="field-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByOf(id, hint, error)}
        {...inputProps}
        {...registration}
      />
    </div>
  );
}
