import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';

/** What every field shows around its control. */
export interface LabelledProps {
  label: string;
  hint?: string;
  error?: string;
}

/**
 * A labelled control: the label, the control (given its id and the accessibility attributes), then the hint
 * and the error, which are read out with it.
 */
export function Labelled({ label, hint, error, control }: LabelledProps & { control: (id: string, described: Described) => ComponentChildren }) {
  const id = useId();
  const described: Described = {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined,
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {control(id, described)}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

interface Described {
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

type InputProps = LabelledProps & {
  value: string | number;
  onValue?: (value: string) => void;
  type?: 'text' | 'tel' | 'password' | 'number' | 'date' | 'datetime-local' | 'search';
  name?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: 'text' | 'tel' | 'numeric' | 'decimal' | 'search';
  pattern?: string;
  min?: string | number;
  max?: string | number;
  step?: string | number;
  disabled?: boolean;
};

/** A labelled input; its hint and error are read out with it. */
export function TextField({ label, hint, error, onValue, type = 'text', ...rest }: InputProps) {
  // Preact's types tie the allowed attributes to one literal `type`; the props above suit every type listed.
  const attributes = { ...rest, type } as InputHTMLAttributes<HTMLInputElement>;
  return (
    <Labelled
      label={label}
      hint={hint}
      error={error}
      control={(id, described) => <input {...attributes} id={id} {...described} onInput={(event) => onValue?.(event.currentTarget.value)} />}
    />
  );
}

type SelectProps = LabelledProps & {
  value: string;
  onValue: (value: string) => void;
  children: ComponentChildren;
  name?: string;
  required?: boolean;
};

export function SelectField({ label, hint, error, value, onValue, children, name, required }: SelectProps) {
  return (
    <Labelled
      label={label}
      hint={hint}
      error={error}
      control={(id, described) => (
        <select id={id} name={name} required={required} value={value} {...described} onChange={(event) => onValue(event.currentTarget.value)}>
          {children}
        </select>
      )}
    />
  );
}
