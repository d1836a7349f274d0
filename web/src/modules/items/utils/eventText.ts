// The free text an event carries (reason, note, reply …), for the staff timeline.
const TEXT_FIELDS = ['reason', 'note', 'reply', 'comment'] as const;

export function eventTexts(data: Record<string, unknown>): { field: string; text: string }[] {
  return TEXT_FIELDS.filter((f) => typeof data[f] === 'string' && (data[f] as string).trim() !== '').map((f) => ({
    field: f,
    text: data[f] as string,
  }));
}

/** i18n key of an event's label: item actions by name, other recorded steps by their own key or generically. */
export function eventLabelKey(action: string, actions: readonly string[], known: readonly string[]): string {
  if (actions.includes(action)) return `actions.${action}`;
  if (known.includes(action)) return `events.${action}`;
  return 'events.other';
}
