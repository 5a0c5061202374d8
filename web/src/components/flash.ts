import { signal } from '@preact/signals';

/** A message for the next screen ("saved"), shown once by Page. */
export const flash = signal<string | null>(null);
