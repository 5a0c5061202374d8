import type { ComponentChildren } from 'preact';

/** A message block: errors interrupt (role=alert), the rest is announced politely (role=status). */
export function Alert({ tone = 'info', children }: { tone?: 'info' | 'error' | 'success' | 'warning'; children: ComponentChildren }) {
  return (
    <div class={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
