/** The quick-entry tiles, in the order a season goes. */
export const ENTRY_KINDS = ['spraying', 'fertilizing', 'watering', 'pruning', 'harvesting', 'packing'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ICONS: Record<EntryKind, string> = {
  spraying: '🧴',
  fertilizing: '🌱',
  watering: '💧',
  pruning: '✂️',
  harvesting: '🧺',
  packing: '📦',
};

export function isEntryKind(value: string): value is EntryKind {
  return (ENTRY_KINDS as readonly string[]).includes(value);
}
