/** The quick-entry tiles, in the order a season goes. */
export const ENTRY_KINDS = ['spraying', 'fertilizing', 'watering', 'pruning', 'harvesting', 'packing'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Line icons (24×24 SVG paths): drawn by the app, so a phone without an emoji font shows them too. */
export const ICON_PATHS: Record<EntryKind, string> = {
  spraying: 'M9 3h4v3H9z M8 6h6l1 4v10H7V10z M15 8h3 M18 6v4',
  fertilizing: 'M12 21v-9 M12 12c0-4-3-6-7-6 0 4 3 6 7 6z M12 10c0-4 3-6 7-6 0 4-3 6-7 6z',
  watering: 'M12 3c4 5 6 8 6 11a6 6 0 0 1-12 0c0-3 2-6 6-11z',
  pruning: 'M3 6a3 3 0 1 0 6 0a3 3 0 1 0-6 0 M3 18a3 3 0 1 0 6 0a3 3 0 1 0-6 0 M8.5 8L20 19 M8.5 16L20 5',
  harvesting: 'M3 10h18l-2 10H5z M7 10l5-6 5 6',
  packing: 'M3 7l9-4 9 4v10l-9 4-9-4z M3 7l9 4 9-4 M12 11v10',
};

export function isEntryKind(value: string): value is EntryKind {
  return (ENTRY_KINDS as readonly string[]).includes(value);
}
