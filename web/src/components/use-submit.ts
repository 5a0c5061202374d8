import { useState } from 'preact/hooks';

export interface Submit<A extends unknown[]> {
  busy: boolean;
  /** What the last run failed with (an ApiError carries the field problems); null while running and after success. */
  error: unknown;
  run: (...args: A) => Promise<void>;
}

/**
 * A call the person starts (a form sent, a button pressed): busy while it runs, its failure kept for the
 * screen to show (FormError, fieldError). The action itself says what success does (move on, reload, a note).
 */
export function useSubmit<A extends unknown[] = []>(action: (...args: A) => Promise<unknown>): Submit<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function run(...args: A): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await action(...args);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

/** A form's onSubmit: the browser does not send it itself, `run` does. */
export function handleSubmit(run: () => Promise<void>): (event: Event) => void {
  return (event) => {
    event.preventDefault();
    void run();
  };
}
