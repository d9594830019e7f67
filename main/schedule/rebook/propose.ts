// The proposal for rebooking appointments off a resource (a sick doctor's day), as a pure
// function of the free slots known: for each appointment, in order of its start, the first
// candidate that no earlier row has taken:
//   (a) the same start and end with another resource that offers the service;
//   (b) else the nearest free slot of the service that day, any other resource;
//   (c) else the earliest free slot of the service on a later day.
// A taken slot blocks every slot of that resource that overlaps it (Leyr's slots overlap: a
// 30-minute slot starts at every 15-minute mark), so two proposals never collide. Each row
// also gets the next few candidates that collide with no other row's proposal, for the
// receptionist to choose from.
import { slotsCollide, type RebookReason, type RebookSlot } from '../../../preload/contract/rebook.ts';

export interface RebookAppointment {
  id: string;
  /** The resource it leaves: never proposed (the doctor is sick). */
  resourceId: string | null;
  serviceId: string | null;
  start: string;
  end: string;
  date: string;
}

export interface KnownSlot {
  resourceId: string;
  serviceId: string | null;
  start: string;
  end: string;
}

export interface RebookInput {
  appointments: readonly RebookAppointment[];
  /** Free slots by day (YYYY-MM-DD), as still free in the local copy. Days absent are unknown. */
  slotsByDate: ReadonlyMap<string, readonly KnownSlot[]>;
  /** Slots starting before this are not proposed (the past). */
  notBeforeMs: number;
  /** How many alternatives a row gets at most. */
  alternatives: number;
}

export interface RebookPlanRow {
  appointmentId: string;
  proposal: RebookSlot | null;
  alternatives: RebookSlot[];
}

interface Candidate extends RebookSlot {
  startMs: number;
  endMs: number;
}

/** Whether a slot can hold the appointment: another resource, its service (or its length when it has none), not past. */
function fits(appointment: RebookAppointment, slot: KnownSlot, lengthMs: number, notBeforeMs: number): boolean {
  if (slot.resourceId === appointment.resourceId) return false;
  const startMs = Date.parse(slot.start);
  if (startMs < notBeforeMs) return false;
  if (appointment.serviceId !== null) return slot.serviceId === appointment.serviceId;
  return Date.parse(slot.end) - startMs === lengthMs;
}

/** The free slots of each day by service (null: every slot of the day), built once per proposal. */
type SlotsByService = Map<string, Map<string | null, KnownSlot[]>>;

function groupByService(slotsByDate: RebookInput['slotsByDate']): SlotsByService {
  const out: SlotsByService = new Map();
  for (const [date, slots] of slotsByDate) {
    const byService = new Map<string | null, KnownSlot[]>([[null, [...slots]]]);
    for (const slot of slots) {
      if (slot.serviceId === null) continue;
      const list = byService.get(slot.serviceId);
      if (list === undefined) byService.set(slot.serviceId, [slot]);
      else list.push(slot);
    }
    out.set(date, byService);
  }
  return out;
}

/** Every candidate of one appointment, best first. */
export function candidatesOf(appointment: RebookAppointment, input: Pick<RebookInput, 'slotsByDate' | 'notBeforeMs'>, grouped: SlotsByService = groupByService(input.slotsByDate)): Candidate[] {
  const startMs = Date.parse(appointment.start);
  const endMs = Date.parse(appointment.end);
  const lengthMs = endMs - startMs;
  const sameTime: Candidate[] = [];
  const sameDay: Candidate[] = [];
  const laterDays: Candidate[] = [];
  const make = (slot: KnownSlot, date: string, reason: RebookReason): Candidate => ({
    resourceId: slot.resourceId,
    serviceId: slot.serviceId,
    start: slot.start,
    end: slot.end,
    date,
    reason,
    startMs: Date.parse(slot.start),
    endMs: Date.parse(slot.end),
  });
  const dates = [...grouped.keys()].sort();
  for (const date of dates) {
    if (date < appointment.date) continue;
    const today = date === appointment.date;
    for (const slot of grouped.get(date)?.get(appointment.serviceId) ?? []) {
      if (!fits(appointment, slot, lengthMs, input.notBeforeMs)) continue;
      if (!today) laterDays.push(make(slot, date, 'later-day'));
      else if (Date.parse(slot.start) === startMs && Date.parse(slot.end) === endMs) sameTime.push(make(slot, date, 'same-time'));
      else sameDay.push(make(slot, date, 'same-day'));
    }
  }
  const byResource = (a: Candidate, b: Candidate): number => (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0);
  sameTime.sort(byResource);
  // Nearest first; at the same distance the earlier one, then by resource (a stable order).
  sameDay.sort((a, b) => Math.abs(a.startMs - startMs) - Math.abs(b.startMs - startMs) || a.startMs - b.startMs || byResource(a, b));
  laterDays.sort((a, b) => a.startMs - b.startMs || byResource(a, b));
  return [...sameTime, ...sameDay, ...laterDays];
}

const plain = ({ resourceId, serviceId, start, end, date, reason }: Candidate): RebookSlot => ({ resourceId, serviceId, start, end, date, reason });

export function proposeRebook(input: RebookInput): RebookPlanRow[] {
  const ordered = [...input.appointments].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : 1));
  const grouped = groupByService(input.slotsByDate);
  const taken: Candidate[] = [];
  const planned = new Map<string, { proposal: Candidate | null; candidates: Candidate[] }>();
  for (const appointment of ordered) {
    const candidates = candidatesOf(appointment, input, grouped);
    const proposal = candidates.find((candidate) => !taken.some((other) => slotsCollide(candidate, other))) ?? null;
    if (proposal !== null) taken.push(proposal);
    planned.set(appointment.id, { proposal, candidates });
  }
  return ordered.map((appointment) => {
    const { proposal, candidates } = planned.get(appointment.id) ?? { proposal: null, candidates: [] };
    const others = taken.filter((slot) => slot !== proposal);
    const alternatives: Candidate[] = [];
    for (const candidate of candidates) {
      if (alternatives.length >= input.alternatives) break;
      if (candidate === proposal || others.some((other) => slotsCollide(candidate, other))) continue;
      alternatives.push(candidate);
    }
    return { appointmentId: appointment.id, proposal: proposal === null ? null : plain(proposal), alternatives: alternatives.map(plain) };
  });
}
