import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';

interface Common {
  label: string;
  hint?: string;
  error?: string;
}

function Described({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
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
    </>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

type InputProps = Common & {
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
  const id = useId();
  // Preact's types tie the allowed attributes to one literal `type`; the props above suit every type listed.
  const attributes = { ...rest, type } as InputHTMLAttributes<HTMLInputElement>;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        {...attributes}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(event) => onValue?.(event.currentTarget.value)}
      />
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}

type SelectProps = Common & {
  value: string;
  onValue: (value: string) => void;
  children: ComponentChildren;
  name?: string;
  required?: boolean;
};

export function SelectField({ label, hint, error, value, onValue, children, name, required }: SelectProps) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        required={required}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onValue(event.currentTarget.value)}
      >
        {children}
      </select>
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}
