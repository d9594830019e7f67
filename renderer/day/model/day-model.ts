// Everything the grid draws, derived once from a day snapshot: instants parsed, the axis,
// the layout, the slot index, and per appointment the strings its block shows. Components
// only read this; nothing here runs per render or per frame.
import { DateTime } from 'luxon';
import { canChange, isKnownStatus, KNOWN_STATUSES, type KnownAppointmentStatus } from '../../../preload/contract/appointment-status.ts';
import type { AppointmentView, DaySnapshot, FreeSlot, ResourceView, ServiceView } from '../../../preload/contract/index.ts';
import { formatTime, formatTimeRange } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/translate.ts';
import { failureSentence } from './change-words.ts';
import { visibleResources, type ColumnPrefs } from './column-prefs.ts';
import { layoutDay, type DayLayout } from './layout.ts';
import { colourOf } from './service-colours.ts';
import { buildSlotIndex, type IndexSlot, type SlotIndex } from './slot-index.ts';
import { buildTimeAxis, type Interval, type TimeAxis } from './time-axis.ts';

interface AppointmentEntry {
  view: AppointmentView;
  startMs: number;
  endMs: number;
}

/** What one block shows: strings ready, so a block renders without formatting anything. */
export interface BlockView {
  id: string;
  patient: string;
  service: string;
  time: string;
  /** The block's second line: `08:30–09:00 · Service`. */
  meta: string;
  /** Palette index of its service's colour (service-colours.ts); null for an unknown service. */
  colour: number | null;
  /** CSS status class: a known status or `other`. */
  status: KnownAppointmentStatus | 'other';
  pending: boolean;
  /** The patient's name has not come from Leyr yet: `patient` says it is coming (shown muted). */
  nameComing: boolean;
  failed: string | null;
  hasComment: boolean;
  awaitingCancellation: boolean;
  /** Everything a screen reader says about it. */
  label: string;
  /** Tooltip: time, patient, service, status, comment, failure. */
  title: string;
  movable: boolean;
}

export interface DayModel {
  snapshot: DaySnapshot;
  options: ModelOptions;
  zone: string;
  locale: string;
  axis: TimeAxis;
  /** All resources in the desk's order, and the shown ones. */
  resources: ResourceView[];
  columns: ResourceView[];
  columnIds: string[];
  resourceNames: Map<string, string>;
  services: Map<string, ServiceView>;
  appointments: Map<string, AppointmentEntry>;
  /** Each appointment's strings, made on first use: only the blocks drawn pay for them. */
  blocks: BlockViews;
  layout: DayLayout;
  /** The screen-reader label of a free stretch. */
  freeLabel(resourceId: string, startMs: number, endMs: number): string;
  slots: SlotIndex;
  /** Shown block ids column by column, top to bottom: the order Shift-click extends in. */
  readingOrder: string[];
}

export interface BlockViews {
  get(id: string): BlockView | undefined;
}

/**
 * Block strings made lazily and kept per model; an appointment whose view object did not
 * change since the previous model gets the previous BlockView object back, so its memoised
 * block does not render again.
 */
class LazyBlockViews implements BlockViews {
  readonly made = new Map<string, BlockView>();
  private readonly entries: Map<string, AppointmentEntry>;
  private readonly make: (entry: AppointmentEntry) => BlockView;
  private readonly previous: { entries: Map<string, AppointmentEntry>; views: LazyBlockViews } | null;

  constructor(
    entries: Map<string, AppointmentEntry>,
    make: (entry: AppointmentEntry) => BlockView,
    previous: { entries: Map<string, AppointmentEntry>; views: LazyBlockViews } | null,
  ) {
    this.entries = entries;
    this.make = make;
    this.previous = previous;
  }

  get(id: string): BlockView | undefined {
    let view = this.made.get(id);
    if (view !== undefined) return view;
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    const before = this.previous?.entries.get(id);
    const reused = before !== undefined && before.view === entry.view ? this.previous?.views.made.get(id) : undefined;
    view = reused ?? this.make(entry);
    this.made.set(id, view);
    return view;
  }
}

interface ModelOptions {
  showCancelled: boolean;
  prefs: ColumnPrefs;
  locale: string;
  t: Translate;
}


export function statusText(status: string, t: Translate): string {
  return isKnownStatus(status) ? t(`status.${status}`) : t('status.unknown', { status });
}

/**
 * When appointments changed only in what their blocks say (pending, failed, comment, name,
 * a status that is neither cancelled nor becoming it) and nothing else moved, the axis,
 * layout and slot index stand; only the changed entries are new. A bulk cancel of 200 marks
 * them pending this way, without laying out the day again.
 */
function restyle(previous: DayModel, snapshot: DaySnapshot, options: ModelOptions): DayModel | null {
  const before = previous.snapshot;
  if (before.date !== snapshot.date || before.freeSlots !== snapshot.freeSlots || before.resources !== snapshot.resources || before.services !== snapshot.services || before.careUnit !== snapshot.careUnit) return null;
  if (before.appointments.length !== snapshot.appointments.length) return null;
  const appointments = new Map(previous.appointments);
  for (let i = 0; i < snapshot.appointments.length; i += 1) {
    const view = snapshot.appointments[i]!;
    const old = before.appointments[i]!;
    if (view === old) continue;
    if (view.id !== old.id || view.start !== old.start || view.end !== old.end || view.resourceId !== old.resourceId) return null;
    if ((view.status === 'cancelled') !== (old.status === 'cancelled')) return null;
    const entry = previous.appointments.get(view.id);
    if (entry === undefined) return null;
    appointments.set(view.id, { view, startMs: entry.startMs, endMs: entry.endMs });
  }
  const words = blockWords(options.t);
  const repeated = repeatedStretches(previous.axis);
  const blocks = new LazyBlockViews(appointments, (entry) => blockView(entry, previous.services, previous.zone, options, words, repeated), previous.blocks instanceof LazyBlockViews ? { entries: previous.appointments, views: previous.blocks } : null);
  return { ...previous, snapshot, options, appointments, blocks };
}

function sameInputs(a: DaySnapshot, b: DaySnapshot): boolean {
  return a.date === b.date && a.appointments === b.appointments && a.freeSlots === b.freeSlots && a.resources === b.resources && a.services === b.services && a.careUnit === b.careUnit;
}

export function resourceName(resource: ResourceView, t: Translate): string {
  return resource.name ?? t('block.unnamedResource', { id: resource.id });
}

export function serviceName(service: ServiceView | undefined, t: Translate): string {
  return service?.name ?? t('block.unknownService');
}

/**
 * The sentences every block uses, translated once per model: i18next's interpolation costs
 * microseconds per call, and a big day has thousands of blocks.
 */
interface BlockWords {
  unknownPatient: string;
  nameComing: string;
  pending: string;
  awaitingCancellation: string;
  comment: string;
  status: Map<string, string>;
  /** `block.label` with markers in place of its four values. */
  label: string;
}

const MARK = { time: '\u0001t\u0001', patient: '\u0001p\u0001', service: '\u0001s\u0001', status: '\u0001u\u0001' };

function blockWords(t: Translate): BlockWords {
  return {
    unknownPatient: t('block.unknownPatient'),
    nameComing: t('block.nameComing'),
    pending: t('status.pending'),
    awaitingCancellation: t('status.awaitingCancellation'),
    comment: t('status.comment'),
    status: new Map(KNOWN_STATUSES.map((status) => [status, t(`status.${status}`)])),
    label: t('block.label', MARK),
  };
}

const offsetMinutes = (offset: string): number => {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  return match === null ? 0 : (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
};

/** Where the wall clock reads the same twice (the hour repeated when the clocks go back). */
export function repeatedStretches(axis: TimeAxis): Interval[] {
  return axis.offsetChanges
    .filter((change) => change.direction === 'back')
    .map((change) => {
      const repeatedMs = (offsetMinutes(change.offsetBefore) - offsetMinutes(change.offsetAfter)) * 60_000;
      return { startMs: change.ms - repeatedMs, endMs: change.ms + repeatedMs };
    });
}

/** `02:15–02:30`, with the UTC offset when that wall-clock time happens twice today. */
function blockTime(entry: AppointmentEntry, zone: string, locale: string, repeated: readonly Interval[]): string {
  const time = formatTimeRange(entry.startMs, entry.endMs, zone, locale);
  const ambiguous = repeated.some((stretch) => (entry.startMs >= stretch.startMs && entry.startMs < stretch.endMs) || (entry.endMs > stretch.startMs && entry.endMs <= stretch.endMs));
  return ambiguous ? `${time} (${DateTime.fromMillis(entry.startMs, { zone }).toFormat('ZZ')})` : time;
}

function blockView(entry: AppointmentEntry, services: Map<string, ServiceView>, zone: string, options: ModelOptions, words: BlockWords, repeated: readonly Interval[]): BlockView {
  const { view } = entry;
  const { t, locale } = options;
  // "Unknown patient" only once Leyr has answered without a name; before that, it is coming.
  const nameComing = view.patientName === null && view.nameComing === true;
  const patient = view.patientName ?? (nameComing ? words.nameComing : words.unknownPatient);
  const service = serviceName(view.serviceId === null ? undefined : services.get(view.serviceId), t);
  const time = blockTime(entry, zone, locale, repeated);
  const status = words.status.get(view.status) ?? statusText(view.status, t);
  const hasComment = view.comment !== null && view.comment !== '';
  const failed = view.failed === null ? null : t('status.failed', { reason: failureSentence(view.failed, null, t) });
  const extras: string[] = [];
  if (view.pending) extras.push(words.pending);
  if (view.awaitingCancellation) extras.push(words.awaitingCancellation);
  if (failed !== null) extras.push(failed);
  if (hasComment) extras.push(words.comment);
  const sentence = words.label.replace(MARK.time, time).replace(MARK.patient, patient).replace(MARK.service, service).replace(MARK.status, status);
  const label = extras.length === 0 ? sentence : `${sentence}. ${extras.join('. ')}`;
  let title = `${time} ${patient}\n${service} · ${status}`;
  if (hasComment) title += `\n“${view.comment}”`;
  if (view.pending) title += `\n${words.pending}`;
  if (view.awaitingCancellation) title += `\n${words.awaitingCancellation}`;
  if (failed !== null) title += `\n${failed}`;
  return {
    id: view.id,
    patient,
    service,
    time,
    meta: `${time} · ${service}`,
    colour: colourOf(services, view.serviceId),
    status: isKnownStatus(view.status) ? view.status : 'other',
    pending: view.pending,
    nameComing,
    failed: view.failed === null ? null : view.failed.reason,
    hasComment,
    awaitingCancellation: view.awaitingCancellation,
    label,
    title,
    movable: canChange(view.status),
  };
}

const parseInstant = (iso: string): number => Date.parse(iso);

function appointmentEntry(view: AppointmentView): AppointmentEntry | null {
  const startMs = parseInstant(view.start);
  const endMs = parseInstant(view.end);
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs <= startMs) return null;
  return { view, startMs, endMs };
}

function slotOf(slot: FreeSlot): IndexSlot | null {
  const startMs = parseInstant(slot.start);
  const endMs = parseInstant(slot.end);
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs <= startMs) return null;
  return { resourceId: slot.resourceId, serviceId: slot.serviceId ?? '', startMs, endMs };
}

/**
 * Builds the model. `previous` lets unchanged appointments keep their BlockView objects, so
 * memoised blocks of an unchanged appointment do not render again when a new snapshot lands.
 */
export function buildDayModel(snapshot: DaySnapshot, options: ModelOptions, previous: DayModel | null = null): DayModel {
  const zone = snapshot.careUnit.timeZone;
  const reuse = previous !== null && previous.locale === options.locale && previous.zone === zone ? previous : null;
  if (reuse !== null && reuse.options.showCancelled === options.showCancelled && reuse.options.prefs === options.prefs && sameInputs(reuse.snapshot, snapshot)) {
    // Only the snapshot's facts (fetched at, pending count) changed: the drawing stands.
    return { ...reuse, snapshot };
  }
  if (reuse !== null && reuse.options.showCancelled === options.showCancelled && reuse.options.prefs === options.prefs) {
    const restyled = restyle(reuse, snapshot, options);
    if (restyled !== null) return restyled;
  }
  const services = new Map(snapshot.services.map((service) => [service.id, service]));
  const resources = visibleResources(snapshot.resources, { order: options.prefs.order, hidden: [] });
  const columns = visibleResources(snapshot.resources, options.prefs);
  const columnIds = columns.map((resource) => resource.id);
  const shown = new Set(columnIds);
  const resourceNames = new Map(snapshot.resources.map((resource) => [resource.id, resourceName(resource, options.t)]));

  const appointments = new Map<string, AppointmentEntry>();
  const axisIntervals: Interval[] = [];
  for (const view of snapshot.appointments) {
    const entry = appointmentEntry(view);
    if (entry === null) continue;
    appointments.set(view.id, entry);
    if (view.resourceId !== null && shown.has(view.resourceId) && (options.showCancelled || view.status !== 'cancelled')) axisIntervals.push(entry);
  }
  const slots: IndexSlot[] = [];
  for (const free of snapshot.freeSlots) {
    const slot = slotOf(free);
    if (slot === null) continue;
    slots.push(slot);
    if (shown.has(slot.resourceId)) axisIntervals.push(slot);
  }
  const axis = buildTimeAxis({ date: snapshot.date, zone, intervals: axisIntervals });
  const layout = layoutDay({
    axis,
    resourceIds: columnIds,
    appointments: [...appointments.values()].map((entry) => ({
      id: entry.view.id,
      resourceId: entry.view.resourceId ?? '',
      startMs: entry.startMs,
      endMs: entry.endMs,
      cancelled: entry.view.status === 'cancelled',
    })),
    freeSlots: slots,
    showCancelled: options.showCancelled,
  });
  const readingOrder: string[] = [];
  for (const id of columnIds) for (const block of layout.columns.get(id)?.blocks ?? []) readingOrder.push(block.id);
  const previousViews = reuse !== null && reuse.blocks instanceof LazyBlockViews ? { entries: reuse.appointments, views: reuse.blocks } : null;
  const words = blockWords(options.t);
  const repeated = repeatedStretches(axis);
  const blocks = new LazyBlockViews(appointments, (entry) => blockView(entry, services, zone, options, words, repeated), previousViews);
  const freeLabel = (resourceId: string, startMs: number, endMs: number): string =>
    options.t('grid.free', {
      from: formatTime(startMs, zone, options.locale),
      to: formatTime(endMs, zone, options.locale),
      resource: resourceNames.get(resourceId) ?? resourceId,
    });
  return {
    snapshot,
    options,
    zone,
    locale: options.locale,
    axis,
    resources,
    columns,
    columnIds,
    resourceNames,
    services,
    appointments,
    blocks,
    layout,
    freeLabel,
    slots: buildSlotIndex(slots),
    readingOrder,
  };
}

/**
 * Keeps the previous objects of whatever did not change, so that a fresh snapshot from main
 * (a whole new object tree) re-renders only the blocks that really changed, and a snapshot
 * equal to the one shown (the answer to reopening a cached day) rebuilds nothing at all.
 */
export function reconcileSnapshot(previous: DaySnapshot | null, next: DaySnapshot): DaySnapshot {
  if (previous === null || previous.date !== next.date) return next;
  const old = new Map(previous.appointments.map((view) => [view.id, view]));
  let reused = 0;
  let inPlace = previous.appointments.length === next.appointments.length;
  const appointments = next.appointments.map((view, index) => {
    const before = old.get(view.id);
    if (before !== undefined && sameAppointment(before, view)) {
      reused += 1;
      if (previous.appointments[index] !== before) inPlace = false;
      return before;
    }
    inPlace = false;
    return view;
  });
  return {
    ...next,
    careUnit: sameCareUnit(previous.careUnit, next.careUnit) ? previous.careUnit : next.careUnit,
    resources: sameList(previous.resources, next.resources, (a, b) => a.id === b.id && a.name === b.name) ? previous.resources : next.resources,
    services: sameList(previous.services, next.services, (a, b) => a.id === b.id && a.name === b.name && a.durationMinutes === b.durationMinutes) ? previous.services : next.services,
    freeSlots: sameList(previous.freeSlots, next.freeSlots, (a, b) => a.start === b.start && a.end === b.end && a.resourceId === b.resourceId && a.serviceId === b.serviceId) ? previous.freeSlots : next.freeSlots,
    appointments: inPlace ? previous.appointments : reused === 0 ? next.appointments : appointments,
  };
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

function sameCareUnit(a: DaySnapshot['careUnit'], b: DaySnapshot['careUnit']): boolean {
  return a.id === b.id && a.name === b.name && a.timeZone === b.timeZone;
}

function sameAppointment(a: AppointmentView, b: AppointmentView): boolean {
  return (
    a.start === b.start &&
    a.end === b.end &&
    a.resourceId === b.resourceId &&
    a.patientId === b.patientId &&
    a.serviceId === b.serviceId &&
    a.status === b.status &&
    a.patientName === b.patientName &&
    (a.nameComing ?? false) === (b.nameComing ?? false) &&
    a.comment === b.comment &&
    a.pending === b.pending &&
    a.changeId === b.changeId &&
    a.awaitingCancellation === b.awaitingCancellation &&
    (a.failed === b.failed || (a.failed !== null && b.failed !== null && a.failed.changeId === b.failed.changeId && a.failed.reason === b.failed.reason && a.failed.status === b.failed.status))
  );
}

/** "Tolvan Tolvansson 09:00–09:15", for messages about an appointment of the day shown; null when not on it. */
export function describeAppointment(model: DayModel | null, id: string): string | null {
  const block = model?.blocks.get(id);
  return block === undefined ? null : `${block.patient} ${block.time}`;
}

/** A minute figure for messages: the appointment's length in whole minutes. */
export function durationMinutes(entry: { startMs: number; endMs: number }): number {
  return Math.round((entry.endMs - entry.startMs) / 60_000);
}

/** `08:30` in the model's zone and locale. */
export function modelTime(model: Pick<DayModel, 'zone' | 'locale'>, ms: number): string {
  return formatTime(ms, model.zone, model.locale);
}
