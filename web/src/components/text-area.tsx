import { Labelled, type LabelledProps } from './field';

type TextAreaProps = LabelledProps & {
  value: string;
  onValue: (value: string) => void;
  required?: boolean;
  rows?: number;
};

/** A labelled multi-line text (its own module: the screens with one load it, the first screen does not). */
export function TextArea({ label, hint, error, value, onValue, required, rows = 3 }: TextAreaProps) {
  return (
    <Labelled
      label={label}
      hint={hint}
      error={error}
      control={(id, described) => <textarea id={id} rows={rows} required={required} value={value} {...described} onInput={(event) => onValue(event.currentTarget.value)} />}
    />
  );
}
