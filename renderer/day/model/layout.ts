// Where everything of a day sits on the grid: appointment blocks with their overlap lanes and
// the shaded free time, per resource. Computed once per snapshot (the grid memoises it), never
// per render or per frame, and in O(n log n) for n appointments and slots.
import { minuteOf, type Interval, type TimeAxis } from './time-axis.ts';

export interface LayoutAppointment {
  id: string;
  resourceId: string;
  startMs: number;
  endMs: number;
  cancelled: boolean;
}

interface LayoutSlot {
  resourceId: string;
  startMs: number;
  endMs: number;
}

export interface PlacedBlock {
  id: string;
  resourceId: string;
  startMs: number;
  endMs: number;
  /** Minutes from the axis start to the block's top, and its length in elapsed minutes. */
  top: number;
  height: number;
  /** 0-based lane among the appointments it overlaps, and how many lanes that group has. */
  lane: number;
  lanes: number;
}

export interface FreeBand extends Interval {
  top: number;
  height: number;
}

export interface ColumnLayout {
  resourceId: string;
  /** Shown blocks, by start (then longest first). */
  blocks: PlacedBlock[];
  /** Merged free time: one band per stretch, however many slots overlap in it. */
  free: FreeBand[];
}

export interface DayLayout {
  columns: Map<string, ColumnLayout>;
  blocks: Map<string, PlacedBlock>;
}

function byStartThenLongest(a: { startMs: number; endMs: number }, b: { startMs: number; endMs: number }): number {
  return a.startMs - b.startMs || b.endMs - a.endMs;
}

/**
 * Assigns overlap lanes: appointments that overlap (directly or through a chain) form a
 * group; within a group each takes the first lane free at its start, and all share the
 * group's lane count so that they sit side by side at equal widths.
 */
export function assignLanes<T extends { startMs: number; endMs: number }>(sorted: readonly T[]): { lane: number; lanes: number }[] {
  const result: { lane: number; lanes: number }[] = new Array(sorted.length);
  let groupStart = 0;
  let groupEnd = Number.NEGATIVE_INFINITY;
  let laneEnds: number[] = [];
  const closeGroup = (until: number): void => {
    for (let i = groupStart; i < until; i += 1) result[i]!.lanes = laneEnds.length;
  };
  for (let i = 0; i < sorted.length; i += 1) {
    const item = sorted[i]!;
    if (item.startMs >= groupEnd) {
      closeGroup(i);
      groupStart = i;
      laneEnds = [];
      groupEnd = Number.NEGATIVE_INFINITY;
    }
    let lane = laneEnds.findIndex((end) => end <= item.startMs);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(item.endMs);
    } else {
      laneEnds[lane] = item.endMs;
    }
    result[i] = { lane, lanes: 0 };
    if (item.endMs > groupEnd) groupEnd = item.endMs;
  }
  closeGroup(sorted.length);
  return result;
}

/** Unions intervals into sorted, disjoint stretches (touching ones join). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter((i) => i.endMs > i.startMs).sort((a, b) => a.startMs - b.startMs);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.startMs <= last.endMs) {
      if (interval.endMs > last.endMs) last.endMs = interval.endMs;
    } else {
      merged.push({ startMs: interval.startMs, endMs: interval.endMs });
    }
  }
  return merged;
}

interface LayoutOptions {
  axis: TimeAxis;
  resourceIds: readonly string[];
  appointments: readonly LayoutAppointment[];
  freeSlots: readonly LayoutSlot[];
  showCancelled: boolean;
}

export function layoutDay(options: LayoutOptions): DayLayout {
  const { axis } = options;
  const appointmentsByResource = new Map<string, LayoutAppointment[]>();
  const slotsByResource = new Map<string, Interval[]>();
  for (const id of options.resourceIds) {
    appointmentsByResource.set(id, []);
    slotsByResource.set(id, []);
  }
  for (const appointment of options.appointments) {
    if (appointment.cancelled && !options.showCancelled) continue;
    appointmentsByResource.get(appointment.resourceId)?.push(appointment);
  }
  for (const slot of options.freeSlots) slotsByResource.get(slot.resourceId)?.push(slot);

  const columns = new Map<string, ColumnLayout>();
  const blocks = new Map<string, PlacedBlock>();
  for (const resourceId of options.resourceIds) {
    const sorted = (appointmentsByResource.get(resourceId) ?? []).sort(byStartThenLongest);
    const lanes = assignLanes(sorted);
    const placed = sorted.map((appointment, index): PlacedBlock => {
      const top = minuteOf(axis, appointment.startMs);
      const block: PlacedBlock = {
        id: appointment.id,
        resourceId,
        startMs: appointment.startMs,
        endMs: appointment.endMs,
        top,
        height: minuteOf(axis, appointment.endMs) - top,
        lane: lanes[index]!.lane,
        lanes: lanes[index]!.lanes,
      };
      blocks.set(block.id, block);
      return block;
    });
    const free = mergeIntervals(slotsByResource.get(resourceId) ?? []).map((interval): FreeBand => {
      const top = minuteOf(axis, interval.startMs);
      return { ...interval, top, height: minuteOf(axis, interval.endMs) - top };
    });
    columns.set(resourceId, { resourceId, blocks: placed, free });
  }
  return { columns, blocks };
}
