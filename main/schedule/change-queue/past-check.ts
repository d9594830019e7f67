// Changes into time that has passed: refused unless the clinic allows them (the setting
// `allowPastChanges`; the window then asks the receptionist to confirm each one). The window
// refuses them before sending, but its clock and its copy may be wrong: main decides, on the
// care unit's clock (`careUnitNow`, by default the schedule's `now`).
import type { ChangeKind } from '../../../preload/contract/index.ts';
import { rejected } from '../../errors/failure.ts';
import type { ChangeArg } from '../changes/change-kind.ts';
import type { ScheduleContext } from '../common/context.ts';
import { wallClock } from '../common/day-time.ts';

/** Where a change puts an appointment in time: its new start, or null when it sets no time. */
function targetStart(kind: ChangeKind, arg: ChangeArg<ChangeKind>, ctx: ScheduleContext): string | null {
  switch (kind) {
    case 'book':
    case 'reschedule':
      return (arg as ChangeArg<'book' | 'reschedule'>).start;
    case 'move': {
      const move = arg as ChangeArg<'move'>;
      if (move.start !== undefined) return move.start;
      // Another resource at the same time: still a change made in the past when that time has passed.
      return ctx.store.days.localAppointments(ctx.accountId, [move.appointmentId]).get(move.appointmentId)?.record.start ?? null;
    }
    case 'move-to-resource': {
      // Every appointment keeps its time with another resource: the earliest one decides.
      const ids = (arg as ChangeArg<'move-to-resource'>).ids;
      const starts = [...ctx.store.days.localAppointments(ctx.accountId, ids).values()].map((local) => local.record.start);
      return starts.reduce<string | null>((earliest, start) => (earliest === null || Date.parse(start) < Date.parse(earliest) ? start : earliest), null);
    }
    default:
      return null;
  }
}

/** Throws a Refusal when the change would put an appointment at a time that has passed. */
export function refuseIntoPast(kind: ChangeKind, arg: ChangeArg<ChangeKind>, ctx: ScheduleContext, rule: { allowed: boolean; now: number }): void {
  if (rule.allowed) return;
  const start = targetStart(kind, arg, ctx);
  if (start === null || Date.parse(start) >= rule.now) return;
  throw rejected(`That time has passed (${wallClock(start, ctx.zone())} is before now in the care unit); the clinic's settings do not allow changes in the past.`);
}
