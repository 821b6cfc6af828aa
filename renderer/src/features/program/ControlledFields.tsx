import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { issueMessageOf } from '../../components/error-message';
import { FieldMessages, describedByOf } from '../../components/FieldMessages';
import '../../components/form-field.css';

interface Common {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onValue: (value: string) => void;
}

/**
 * A labelled text input held in a screen's own state (the compliance
 * program's longer forms, whose parts come and go), with its hint and error
 * tied to it like FormField's.
 */
export function TextInput({ label, hint, error, value, onValue, className, ...rest }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>) {
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
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByOf(id, hint, error)}
        onChange={(event) => onValue(event.target.value)}
        {...rest}
      />
    </div>
  );
}

export function TextArea({ label, hint, error, value, onValue, className, rows = 3, ...rest }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onChange'>) {
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
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByOf(id, hint, error)}
        onChange={(event) => onValue(event.target.value)}
        {...rest}
      />
    </div>
  );
}

/** A group of radio buttons held in state; `legend` is read before each choice. */
export function RadioGroup<T extends string>({
  legend,
  name,
  choices,
  value,
  onValue,
  error,
  hint,
}: {
  legend: string;
  name: string;
  choices: readonly { value: T; label: string }[];
  value: T | null;
  onValue: (value: T) => void;
  error?: string | undefined;
  hint?: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset className="choice-group" aria-describedby={describedByOf(id, hint, error)} aria-invalid={error ? true : undefined}>
      <legend className="choice-group-legend">{legend}</legend>
      <FieldMessages id={id} hint={hint} error={error} />
      <div className="choice-group-options">
        {choices.map((c) => (
          <div key={c.value} className="field-checkbox choice-group-option">
            <input id={`${id}-${c.value}`} type="radio" className="checkbox" name={`${name}-${id}`} value={c.value} checked={value === c.value} onChange={() => onValue(c.value)} />
            <label htmlFor={`${id}-${c.value}`}>{c.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** Field errors from a refused call, by the path the backend named (`sections.reviews.body`), for the fields above, in the screen's language. */
export function issuesByPath(error: unknown, strip = ''): Record<string, string> {
  const issues = (error as { issues?: { path: string; message: string }[] } | null)?.issues ?? [];
  return Object.fromEntries(issues.map((i) => [strip && i.path.startsWith(strip) ? i.path.slice(strip.length) : i.path, issueMessageOf(i)]));
}
