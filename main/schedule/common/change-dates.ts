// The days a change touches: where its appointments were and where it puts them.
import type { OutboxTarget } from '../../store/outbox/entry.ts';

/** The days a change touches (for refreshing them and for its view), sorted. */
export function datesOf(targets: readonly OutboxTarget[]): string[] {
  const dates = new Set<string>();
  for (const target of targets) {
    if (target.base !== null) dates.add(target.base.date);
    if (target.expected !== null) dates.add(target.expected.date);
  }
  return [...dates].sort();
}
