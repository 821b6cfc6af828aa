import { useId, type InputHTMLAttributes } from 'react';
import './form-field.css';

/** A checkbox with its label beside it (a plain controlled input: not every checkbox is a form field). */
export function CheckboxField({ label, ...inputProps }: { label: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'>) {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input id={id} type="checkbox" className="checkbox" {...inputProps} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
