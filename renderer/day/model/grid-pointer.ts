// Pointer gestures on the grid: click to select (Ctrl/Cmd toggles, Shift extends), drag a
// block to reschedule it, press on empty grid and drag to draw a lasso, click free time to
// book.
//
// The drag is written by hand rather than with a DnD library: libraries such as @dnd-kit
// keep the pointer position in React context, so every pointer move re-renders the
// context's consumers, and with 1,400 blocks that blows the frame budget (p95 ≤ 4 ms). Here a
// pointer move only records the position; one requestAnimationFrame callback per frame
// turns it into a snapped target, and only when that target changes does it move the ghost
// (a CSS transform) and update the one small indicator component. Nothing else renders
// until the drop.
import { canChange } from '../../../preload/contract/appointment-status.ts';
import type { Translate } from '../../i18n/translate.ts';
import { durationMinutes, modelTime, statusText, type DayModel } from './day-model.ts';
import { AUTO_SCROLL_EDGE_PX, DOUBLE_CLICK_MS, DRAG_THRESHOLD_PX, HEADER_HEIGHT } from './grid-constants.ts';
import { blocksInRect, dragTarget, normaliseRect, type GridGeometry } from './grid-geometry.ts';
import { blockKey, freeKey } from './grid-navigation.ts';
import { hasPassed } from './past.ts';
import { extendRange } from './selection-rules.ts';
import type { TargetCheck } from './slot-index.ts';
import { instantAt } from './time-axis.ts';

export interface PointerHost {
  scroll: HTMLElement;
  ghost: HTMLElement;
  lasso: HTMLElement;
  /** Shown over the grid while a drag or lasso is in progress. */
  shield: HTMLElement;
  model(): DayModel;
  geometry(): GridGeometry;
  t: Translate;
  selection: {
    selected(): ReadonlySet<string>;
    anchor(): string | null;
    selectOnly(id: string): void;
    toggle(id: string): void;
    set(ids: readonly string[], anchor?: string | null): void;
    clear(): void;
    focus(key: string): void;
  };
  drag: {
    start(info: { id: string; patient: string; durationMinutes: number }): void;
    target(info: { resourceId: string; startMs: number; endMs: number; valid: boolean; text: string } | null): void;
    end(): void;
  };
  move(id: string, target: { resourceId: string; startMs: number; endMs: number }): void;
  refuse(text: string): void;
  /** Now on the care unit's clock, and whether the clinic allows changes in the past. */
  now(): number;
  pastAllowed(): boolean;
  /** Asks the receptionist to confirm (a change into the past, where allowed); true: go ahead. */
  confirm(question: string): boolean;
  book(resourceId: string, startMs: number, band: { startMs: number; endMs: number }): void;
  details(id: string): void;
}

/** Height a ghost needs for the name and the target time on two lines. */
const GHOST_TWO_LINES_PX = 38;
/** Room the drag indicator's sentence takes beside the ghost. */
const INDICATOR_ROOM_PX = 320;

type Gesture =
  | { kind: 'press-block'; pointerId: number; id: string; x: number; y: number; clientX: number; clientY: number; toggle: boolean; extend: boolean }
  | { kind: 'drag'; pointerId: number; id: string; grabMinutes: number; durationMinutes: number; lastKey: string; check: TargetCheck | null; outside: boolean; clientX: number; clientY: number; source: HTMLElement | null }
  | { kind: 'press-empty'; pointerId: number; x: number; y: number; clientX: number; clientY: number; free: { resourceId: string; startMs: number; endMs: number } | null; add: boolean }
  | { kind: 'lasso'; pointerId: number; x: number; y: number; clientX: number; clientY: number; add: boolean; base: ReadonlySet<string>; lastIds: string };

/** Explains a refused target in the receptionist's words. */
export function refusalText(model: DayModel, check: TargetCheck & { ok: false }, appointmentId: string, t: Translate): string {
  const entry = model.appointments.get(appointmentId);
  const resource = model.resourceNames.get(check.resourceId) ?? check.resourceId;
  const service = entry?.view.serviceId == null ? '' : (model.services.get(entry.view.serviceId)?.name ?? entry.view.serviceId);
  if (check.reason === 'past') return t('fixes.past', { time: modelTime(model, check.startMs) });
  return t(`drag.${check.reason}`, {
    minutes: entry === undefined ? '' : durationMinutes(entry),
    time: modelTime(model, check.startMs),
    resource,
    service,
  });
}

export function targetText(model: DayModel, check: TargetCheck, appointmentId: string, t: Translate): string {
  if (!check.ok) return refusalText(model, check, appointmentId, t);
  return t('drag.valid', { time: modelTime(model, check.startMs), resource: model.resourceNames.get(check.resourceId) ?? check.resourceId });
}

export class GridPointer {
  private gesture: Gesture | null = null;
  /** The last plain click on a block, to tell a double click (pointer capture retargets dblclick). */
  private lastClick: { id: string; at: number } | null = null;
  private frame = 0;
  private scrollRect: DOMRect | null = null;
  private readonly host: PointerHost;

  constructor(host: PointerHost) {
    this.host = host;
  }

  dispose(): void {
    this.cancel();
  }

  private contentPoint(clientX: number, clientY: number): { x: number; y: number } {
    const rect = this.scrollRect ?? this.host.scroll.getBoundingClientRect();
    return { x: clientX - rect.left + this.host.scroll.scrollLeft, y: clientY - rect.top + this.host.scroll.scrollTop };
  }

  readonly onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0 || this.gesture !== null) return;
    const element = event.target instanceof Element ? event.target : null;
    if (element === null || element.closest('[data-no-grid-gesture]') !== null) return;
    this.scrollRect = this.host.scroll.getBoundingClientRect();
    const point = this.contentPoint(event.clientX, event.clientY);
    const block = element.closest<HTMLElement>('[data-appointment]');
    const base = { pointerId: event.pointerId, x: point.x, y: point.y, clientX: event.clientX, clientY: event.clientY };
    if (block !== null) {
      this.gesture = { kind: 'press-block', ...base, id: block.dataset.appointment ?? '', toggle: event.ctrlKey || event.metaKey, extend: event.shiftKey };
    } else {
      const geometry = this.host.geometry();
      if (point.x < geometry.left || point.y < geometry.top) return;
      const band = element.closest<HTMLElement>('[data-free-start]');
      const free =
        band === null
          ? null
          : { resourceId: band.dataset.resource ?? '', startMs: Number(band.dataset.freeStart), endMs: Number(band.dataset.freeEnd) };
      this.gesture = { kind: 'press-empty', ...base, free, add: event.ctrlKey || event.metaKey || event.shiftKey };
    }
    this.listen();
  };

  /**
   * Cancels the press's default actions (text selection, native drag, focus by the browser)
   * on the mousedown that follows pointerdown. Cancelling pointerdown instead would leave
   * Blink's selection controller running on every move of the drag, hit-testing the grid
   * for a caret position: milliseconds per frame with a thousand blocks.
   */
  readonly onMouseDown = (event: MouseEvent): void => {
    if (this.gesture !== null) event.preventDefault();
  };

  private listen(): void {
    const { scroll } = this.host;
    scroll.addEventListener('pointermove', this.onPointerMove);
    scroll.addEventListener('pointerup', this.onPointerUp);
    scroll.addEventListener('pointercancel', this.onPointerCancel);
    scroll.addEventListener('lostpointercapture', this.onPointerCancel);
    window.addEventListener('keydown', this.onKeyDown, true);
    const gesture = this.gesture;
    if (gesture !== null) {
      try {
        scroll.setPointerCapture(gesture.pointerId);
      } catch {
        // A synthetic or already-released pointer: moves still reach us over the grid.
      }
    }
  }

  private unlisten(): void {
    const { scroll } = this.host;
    scroll.removeEventListener('pointermove', this.onPointerMove);
    scroll.removeEventListener('pointerup', this.onPointerUp);
    scroll.removeEventListener('pointercancel', this.onPointerCancel);
    scroll.removeEventListener('lostpointercapture', this.onPointerCancel);
    window.removeEventListener('keydown', this.onKeyDown, true);
  }

  private readonly onPointerMove = (event: PointerEvent): void => {
    const gesture = this.gesture;
    if (gesture === null || event.pointerId !== gesture.pointerId) return;
    gesture.clientX = event.clientX;
    gesture.clientY = event.clientY;
    if (gesture.kind === 'press-block' || gesture.kind === 'press-empty') {
      const point = this.contentPoint(event.clientX, event.clientY);
      if (Math.hypot(point.x - gesture.x, point.y - gesture.y) < DRAG_THRESHOLD_PX) return;
      if (gesture.kind === 'press-block') {
        if (gesture.toggle || gesture.extend) return;
        this.beginDrag(gesture);
      } else {
        this.beginLasso(gesture);
      }
    }
    this.schedule();
  };

  private schedule(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(this.onFrame);
  }

  private beginDrag(press: Extract<Gesture, { kind: 'press-block' }>): void {
    const model = this.host.model();
    const placed = model.layout.blocks.get(press.id);
    const entry = model.appointments.get(press.id);
    const geometry = this.host.geometry();
    if (placed === undefined || entry === undefined) return;
    const grabMinutes = (press.y - geometry.top) / geometry.pxPerMinute - placed.top;
    const source = this.host.scroll.querySelector<HTMLElement>(`[data-appointment="${CSS.escape(press.id)}"]`);
    source?.classList.add('is-drag-source');
    const minutes = durationMinutes(entry);
    this.gesture = { kind: 'drag', pointerId: press.pointerId, id: press.id, grabMinutes, durationMinutes: minutes, lastKey: '', check: null, outside: false, clientX: press.clientX, clientY: press.clientY, source };
    const ghost = this.host.ghost;
    ghost.style.width = `${geometry.columnWidth - 6}px`;
    const ghostHeight = Math.max(placed.height * geometry.pxPerMinute - 2, 14);
    ghost.style.height = `${ghostHeight}px`;
    // Too short for two lines: name and target time side by side.
    ghost.classList.toggle('is-short', ghostHeight < GHOST_TWO_LINES_PX);
    ghost.hidden = false;
    this.host.shield.dataset.gesture = 'drag';
    this.host.shield.hidden = false;
    this.host.drag.start({ id: press.id, patient: model.blocks.get(press.id)?.patient ?? '', durationMinutes: minutes });
  }

  private beginLasso(press: Extract<Gesture, { kind: 'press-empty' }>): void {
    this.gesture = { kind: 'lasso', pointerId: press.pointerId, x: press.x, y: press.y, clientX: press.clientX, clientY: press.clientY, add: press.add, base: press.add ? new Set(this.host.selection.selected()) : new Set(), lastIds: '' };
    this.host.lasso.hidden = false;
    this.host.shield.dataset.gesture = 'lasso';
    this.host.shield.hidden = false;
  }

  private readonly onFrame = (): void => {
    this.frame = 0;
    const gesture = this.gesture;
    if (gesture === null) return;
    const scrolled = this.autoScroll(gesture.clientX, gesture.clientY);
    if (gesture.kind === 'drag') this.dragFrame(gesture);
    else if (gesture.kind === 'lasso') this.lassoFrame(gesture);
    if (scrolled) this.schedule();
  };

  /** Scrolls when the pointer nears an edge during a drag or lasso; true while it does. */
  private autoScroll(clientX: number, clientY: number): boolean {
    const gesture = this.gesture;
    if (gesture === null || (gesture.kind !== 'drag' && gesture.kind !== 'lasso') || this.scrollRect === null) return false;
    const rect = this.scrollRect;
    const { scroll } = this.host;
    const geometry = this.host.geometry();
    const speed = (distance: number): number => Math.ceil(((AUTO_SCROLL_EDGE_PX - distance) / AUTO_SCROLL_EDGE_PX) * 14);
    let dx = 0;
    let dy = 0;
    if (clientX < rect.left + geometry.left + AUTO_SCROLL_EDGE_PX) dx = -speed(clientX - rect.left - geometry.left);
    else if (clientX > rect.right - AUTO_SCROLL_EDGE_PX) dx = speed(rect.right - clientX);
    if (clientY < rect.top + geometry.top + AUTO_SCROLL_EDGE_PX) dy = -speed(clientY - rect.top - geometry.top);
    else if (clientY > rect.bottom - AUTO_SCROLL_EDGE_PX) dy = speed(rect.bottom - clientY);
    const beforeLeft = scroll.scrollLeft;
    const beforeTop = scroll.scrollTop;
    if (dx !== 0) scroll.scrollLeft += dx;
    if (dy !== 0) scroll.scrollTop += dy;
    return scroll.scrollLeft !== beforeLeft || scroll.scrollTop !== beforeTop;
  }

  /**
   * The pointer is off the day: above the columns (over their names or the toolbar), below
   * or beside the grid, or off the grid's view. A drop there is no choice of a time.
   */
  private outsideDay(clientX: number, clientY: number): boolean {
    const rect = this.scrollRect ?? this.host.scroll.getBoundingClientRect();
    const geometry = this.host.geometry();
    const model = this.host.model();
    if (clientX < rect.left + geometry.left || clientX > rect.right || clientY < rect.top + HEADER_HEIGHT || clientY > rect.bottom) return true;
    const point = this.contentPoint(clientX, clientY);
    return point.x > geometry.left + geometry.columns.length * geometry.columnWidth || point.y < geometry.top || point.y > geometry.top + model.axis.minutes * geometry.pxPerMinute;
  }

  private dragFrame(gesture: Extract<Gesture, { kind: 'drag' }>): void {
    const model = this.host.model();
    const geometry = this.host.geometry();
    const point = this.contentPoint(gesture.clientX, gesture.clientY);
    const outside = this.outsideDay(gesture.clientX, gesture.clientY);
    if (outside !== gesture.outside) {
      gesture.outside = outside;
      gesture.lastKey = '';
    }
    if (outside) {
      // Snaps back on release, blaming no time: the ghost stays where it last was.
      gesture.check = null;
      this.host.ghost.classList.add('is-invalid');
      this.host.ghost.classList.remove('is-same');
      this.host.drag.target({ resourceId: '', startMs: 0, endMs: 0, valid: false, text: capitalised(this.host.t('fixes.outside')) });
      return;
    }
    const target = dragTarget(geometry, model.axis, point, { minutes: gesture.grabMinutes, durationMinutes: gesture.durationMinutes }, model.slots.gridMinutes);
    if (target === null) return;
    const key = `${target.resourceId}|${target.startMs}`;
    if (key === gesture.lastKey) return;
    gesture.lastKey = key;
    const entry = model.appointments.get(gesture.id);
    if (entry === undefined) return;
    const movable = canChange(entry.view.status);
    const check = refusePast(
      model.slots.checkMove(
        { id: entry.view.id, resourceId: entry.view.resourceId ?? '', serviceId: entry.view.serviceId ?? '', startMs: entry.startMs, endMs: entry.endMs },
        target.resourceId,
        target.startMs,
      ),
      this.host.now(),
      this.host.pastAllowed(),
    );
    gesture.check = movable ? check : { ...check, ok: false, reason: 'no_free_slot' };
    const column = geometry.columns.indexOf(target.resourceId);
    const x = geometry.left + column * geometry.columnWidth + 3;
    const y = geometry.top + target.minute * geometry.pxPerMinute;
    const ghost = this.host.ghost;
    ghost.style.transform = `translate(${x}px, ${y}px)`;
    // The indicator sits right of the ghost, or left of it near the right edge of the view.
    const { scroll } = this.host;
    ghost.classList.toggle('is-flipped', x - scroll.scrollLeft + geometry.columnWidth + INDICATOR_ROOM_PX > scroll.clientWidth && x - scroll.scrollLeft > INDICATOR_ROOM_PX + geometry.left);
    const valid = movable && check.ok;
    ghost.classList.toggle('is-invalid', !valid);
    ghost.classList.toggle('is-same', !check.ok && check.reason === 'unchanged');
    const text = movable ? targetText(model, check, gesture.id, this.host.t) : this.host.t('drag.notMovable', { status: statusText(entry.view.status, this.host.t).toLocaleLowerCase() });
    this.host.drag.target({ resourceId: target.resourceId, startMs: check.startMs, endMs: check.endMs, valid, text });
  }

  private lassoFrame(gesture: Extract<Gesture, { kind: 'lasso' }>): void {
    const point = this.contentPoint(gesture.clientX, gesture.clientY);
    const rect = normaliseRect({ x: gesture.x, y: gesture.y }, point);
    const lasso = this.host.lasso;
    lasso.style.transform = `translate(${rect.x}px, ${rect.y}px)`;
    lasso.style.width = `${rect.width}px`;
    lasso.style.height = `${rect.height}px`;
    const ids = blocksInRect(this.host.geometry(), this.host.model().layout, rect);
    const key = ids.join('\u0000');
    if (key === gesture.lastIds) return;
    gesture.lastIds = key;
    const next = gesture.add ? [...new Set([...gesture.base, ...ids])] : ids;
    this.host.selection.set(next, ids[ids.length - 1] ?? null);
  }

  private readonly onPointerUp = (event: PointerEvent): void => {
    const gesture = this.gesture;
    if (gesture === null || event.pointerId !== gesture.pointerId) return;
    this.finish();
    const model = this.host.model();
    switch (gesture.kind) {
      case 'press-block': {
        const { selection } = this.host;
        const plain = !gesture.toggle && !gesture.extend;
        if (gesture.toggle) selection.toggle(gesture.id);
        else if (gesture.extend) {
          const anchor = selection.anchor();
          selection.set(anchor === null ? [gesture.id] : extendRange(model.readingOrder, anchor, gesture.id), anchor ?? gesture.id);
        } else selection.selectOnly(gesture.id);
        selection.focus(blockKey(gesture.id));
        // Two plain clicks on the same block in quick succession open its details.
        const now = event.timeStamp;
        if (plain && this.lastClick !== null && this.lastClick.id === gesture.id && now - this.lastClick.at < DOUBLE_CLICK_MS) {
          this.lastClick = null;
          this.host.details(gesture.id);
        } else {
          this.lastClick = plain ? { id: gesture.id, at: now } : null;
        }
        break;
      }
      case 'drag': {
        const check = gesture.check;
        if (gesture.outside) this.host.refuse(this.host.t('drag.snappedBack', { reason: this.host.t('fixes.outside') }));
        else if (check !== null && check.ok) {
          // Where the clinic allows changes in the past, each one is confirmed.
          const past = hasPassed(check.startMs, this.host.now());
          if (!past || this.host.confirm(this.host.t('fixes.confirmMove'))) {
            this.host.move(gesture.id, { resourceId: check.resourceId, startMs: check.startMs, endMs: check.endMs });
            this.host.selection.focus(blockKey(gesture.id));
          }
        } else if (check !== null && check.reason !== 'unchanged') {
          const entry = model.appointments.get(gesture.id);
          const movable = entry !== undefined && canChange(entry.view.status);
          const reason = movable ? refusalText(model, check, gesture.id, this.host.t) : this.host.t('drag.notMovable', { status: statusText(entry?.view.status ?? '', this.host.t).toLocaleLowerCase() });
          this.host.refuse(this.host.t('drag.snappedBack', { reason }));
        }
        break;
      }
      case 'press-empty': {
        if (gesture.free !== null) {
          const { free } = gesture;
          const geometry = this.host.geometry();
          const minute = (gesture.y - geometry.top) / geometry.pxPerMinute;
          const grid = model.slots.gridMinutes;
          const clicked = instantAt(model.axis, Math.floor(minute / grid) * grid);
          const starts = model.slots.slotsWithin(free.resourceId, free.startMs, free.endMs).map((slot) => slot.startMs);
          const start = starts.filter((ms) => ms <= clicked).pop() ?? starts[0] ?? free.startMs;
          this.host.selection.focus(freeKey(free.resourceId, free.startMs));
          this.host.book(free.resourceId, start, free);
        } else if (!gesture.add) {
          this.host.selection.clear();
        }
        break;
      }
      case 'lasso': {
        // The keyboard lands where the lasso ended, so Delete (or any grid key) acts on what it took.
        const last = this.host.selection.anchor();
        if (last !== null && this.host.selection.selected().has(last)) this.host.selection.focus(blockKey(last));
        else this.host.scroll.querySelector<HTMLElement>('[tabindex="0"]')?.focus({ preventScroll: true });
        break;
      }
    }
  };

  private readonly onPointerCancel = (event: Event): void => {
    const gesture = this.gesture;
    if (gesture === null) return;
    if (event instanceof PointerEvent && event.pointerId !== gesture.pointerId) return;
    this.finish();
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.gesture !== null) {
      // Esc during a drag puts the block back; during a lasso it keeps what was selected.
      event.preventDefault();
      event.stopPropagation();
      this.cancel();
    }
  };

  private finish(): void {
    const gesture = this.gesture;
    this.gesture = null;
    this.unlisten();
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.scrollRect = null;
    if (gesture?.kind === 'drag') {
      gesture.source?.classList.remove('is-drag-source');
      this.host.ghost.hidden = true;
      this.host.drag.end();
    }
    if (gesture?.kind === 'lasso') {
      this.host.lasso.hidden = true;
    }
    this.host.shield.hidden = true;
    try {
      if (gesture !== null && this.host.scroll.hasPointerCapture(gesture.pointerId)) this.host.scroll.releasePointerCapture(gesture.pointerId);
    } catch {
      // Already released.
    }
  }

  cancel(): void {
    if (this.gesture !== null) this.finish();
  }
}

const capitalised = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** A target that is free but has passed: refused, unless the clinic allows changes in the past. */
export function refusePast(check: TargetCheck, nowMs: number, allowed: boolean): TargetCheck {
  if (!check.ok || allowed || !hasPassed(check.startMs, nowMs)) return check;
  return { ...check, ok: false, reason: 'past' };
}
