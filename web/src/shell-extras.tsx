/** What the header shows for a logged-in person besides the language switch (the outbox badge goes here). */
export function ShellExtras() {
  return null;
}
