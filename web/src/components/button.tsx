import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'class'> & {
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  busy?: boolean;
  children: ComponentChildren;
};

/** A button at least 48 px tall (WCAG 2.5.5 target size) that shows when it is working. */
export function Button({ variant = 'primary', busy = false, disabled, type = 'button', children, ...rest }: Props) {
  return (
    <button {...rest} type={type} class={`btn btn-${variant}`} disabled={disabled || busy} aria-busy={busy || undefined}>
      {children}
    </button>
  );
}
