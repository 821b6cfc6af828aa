import { useId, type ReactNode, type TextareaHTMLAttributes } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { FieldMessages, describedByOf } from './FieldMessages';
import './form-field.css';
import './text-area-field.css';

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'onChange' | 'onBlur'> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  registration: UseFormRegisterReturn;
}

/** A labelled multi-line text input, the textarea twin of FormField. */
export function TextAreaField({ label, hint, error, registration, className, rows = 3, ...areaProps }: TextAreaFieldProps) {
  const id = useId();
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <textarea
        id={id}
        rows={rows}
        className="field-input field-textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByOf(id, hint, error)}
        {...areaProps}
        {...registration}
      />
    </div>
  );
}
