// What a multi-selection allows. Leyr's continuous reschedule takes appointments that share
// patient, resource and service; the selection bar offers it only when the selection is one
// patient's back-to-back appointments, so the range it proposes is theirs.
import { canChange } from '../../../preload/contract/appointment-status.ts';

export interface SelectableAppointment {
  id: string;
  patientId: string;
  resourceId: string;
  serviceId: string;
  startMs: number;
  endMs: number;
  status: string;
}

export interface ContinuousRun {
  ids: string[];
  patientId: string;
  resourceId: string;
  serviceId: string;
  startMs: number;
  endMs: number;
}

/** The run the selection forms, or null when it is not one patient's consecutive appointments. */
export function continuousRun(selection: readonly SelectableAppointment[]): ContinuousRun | null {
  if (selection.length < 2) return null;
  const sorted = [...selection].sort((a, b) => a.startMs - b.startMs);
  const first = sorted[0]!;
  for (let i = 0; i < sorted.length; i += 1) {
    const item = sorted[i]!;
    if (item.status === 'cancelled' || item.status === 'completed') return null;
    if (item.patientId !== first.patientId || item.resourceId !== first.resourceId || item.serviceId !== first.serviceId) return null;
    if (i > 0 && item.startMs !== sorted[i - 1]!.endMs) return null;
  }
  return {
    ids: sorted.map((item) => item.id),
    patientId: first.patientId,
    resourceId: first.resourceId,
    serviceId: first.serviceId,
    startMs: first.startMs,
    endMs: sorted[sorted.length - 1]!.endMs,
  };
}

/** Appointments that can still be cancelled or moved (not cancelled, not completed). */
export function actionable<T extends { status: string }>(selection: readonly T[]): T[] {
  return selection.filter((item) => canChange(item.status));
}

/**
 * Shift-click: everything between the anchor and the clicked block in the order the grid
 * reads (column by column, top to bottom), both ends included.
 */
export function extendRange(order: readonly string[], anchor: string, target: string): string[] {
  const from = order.indexOf(anchor);
  const to = order.indexOf(target);
  if (from === -1 || to === -1) return [target];
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  return order.slice(lo, hi + 1);
}
