// A grid may show a composition of days rather than one (the week: a column per resource ×
// day, every day's times laid on one shown day). The lens maps between what the grid shows
// and what is real: changes and their "seen" versions go to main as real, main's receipts
// come back as shown. The day view has no lens.
import { DateTime } from 'luxon';
import type { AppointmentView, DaySnapshot } from '../../../preload/contract/index.ts';

export interface ShownPlace {
  resourceId: string;
  startMs: number;
  endMs: number;
}

export interface ViewLens {
  /** An appointment as main has it, as the grid shows it; null when it is not shown. */
  toShown(view: AppointmentView): AppointmentView | null;
  /** An appointment as shown, as main has it. */
  toReal(view: AppointmentView): AppointmentView;
  /** A place on the grid (a column and shown instants) as a real resource and instants. */
  toRealPlace(place: ShownPlace): ShownPlace;
  /** A day snapshot from main, while the composition is shown. */
  receive(snapshot: DaySnapshot): void;
  /** Whether two shown columns are on the same real day (a move "to another resource at the same times" stays within one). */
  sameDay(a: string, b: string): boolean;
  /**
   * Where Alt+←/→ moves an appointment from this shown column: the same resource a day before
   * or after (null past the composition's days). On the day, without a lens, it is the next
   * resource's column.
   */
  sideways(column: string, step: -1 | 1): string | null;
}

/** The real date (care unit's zone) of a shown place: what a dialog names, not the composition's shown date. */
export function realDateOf(lens: ViewLens | null, place: ShownPlace, shownDate: string, zone: string): string {
  if (lens === null) return shownDate;
  return DateTime.fromMillis(lens.toRealPlace(place).startMs, { zone }).toISODate() ?? shownDate;
}
