// The grid without a mouse: arrows move focus between blocks and free stretches, Alt+arrows
// move the focused appointment by a slot or a resource, Space toggles the selection,
// Shift+arrows extend it, Delete starts a cancel, Enter opens details (or books free time),
// Esc clears the selection, R rebooks the selection or, with none, the focused column's day.
import { canChange } from '../../../preload/contract/appointment-status.ts';
import type { Translate } from '../../i18n/translate.ts';
import { statusText, type DayModel } from './day-model.ts';
import { findItem, navigate, type GridItem, type GridItemKey, type NavigationModel, type NavKey } from './grid-navigation.ts';
import { refusalText, refusePast, targetText } from './grid-pointer.ts';
import { hasPassed } from './past.ts';

export interface KeyboardHost {
  model(): DayModel;
  navigation(): NavigationModel;
  t: Translate;
  focusKey(): GridItemKey | null;
  focus(item: GridItem): void;
  selected(): ReadonlySet<string>;
  toggle(id: string): void;
  addToSelection(id: string): void;
  clearSelection(): void;
  move(id: string, target: { resourceId: string; startMs: number; endMs: number }, announcement: string): void;
  refuse(text: string): void;
  /** Now on the care unit's clock, and whether the clinic allows changes in the past. */
  now(): number;
  pastAllowed(): boolean;
  /** Asks the receptionist to confirm (a change into the past, where allowed); true: go ahead. */
  confirm(question: string): boolean;
  cancel(ids: string[]): void;
  details(id: string): void;
  book(resourceId: string, startMs: number, band: { startMs: number; endMs: number }): void;
  /** Rebook these appointments, or (empty) the whole day of this resource (RebookDialog). */
  rebook?(ids: string[], resourceId: string): void;
  /**
   * Where Alt+←/→ moves from this column on a composed grid (the week: the same resource's day
   * before or after, null past its days; ViewLens.sideways). Undefined on the day: the next column.
   */
  sideways?(column: string, step: -1 | 1): string | null | undefined;
}

const NAV_KEYS = new Set<string>(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End']);

/** Handles a key on the grid; true when it was the grid's to handle. */
export function handleGridKey(host: KeyboardHost, event: Pick<KeyboardEvent, 'key' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>): boolean {
  const model = host.model();
  const navigation = host.navigation();
  const key = host.focusKey();
  const current = key === null ? null : findItem(navigation, key);
  if (event.key === 'Escape') {
    if (host.selected().size === 0) return false;
    host.clearSelection();
    return true;
  }
  if (current === null) return false;

  if (NAV_KEYS.has(event.key) && event.altKey) {
    if (current.kind !== 'block' || event.key === 'Home' || event.key === 'End') return false;
    moveByKey(host, model, navigation, current, event.key as NavKey);
    return true;
  }
  if (NAV_KEYS.has(event.key) && !event.ctrlKey && !event.metaKey) {
    const next = navigate(navigation, current, event.key as NavKey);
    if (next !== null) {
      host.focus(next);
      if (event.shiftKey && next.kind === 'block') {
        if (current.kind === 'block') host.addToSelection(current.id);
        host.addToSelection(next.id);
      }
    }
    return true;
  }
  switch (event.key) {
    case ' ':
    case 'Spacebar':
      if (current.kind === 'block') host.toggle(current.id);
      return true;
    case 'Delete':
    case 'Backspace': {
      const selected = host.selected();
      const ids = selected.size > 0 ? [...selected] : current.kind === 'block' ? [current.id] : [];
      if (ids.length > 0) host.cancel(ids);
      return true;
    }
    case 'r':
    case 'R':
      if (host.rebook === undefined || event.ctrlKey || event.metaKey || event.altKey) return false;
      host.rebook([...host.selected()], current.resourceId);
      return true;
    case 'Enter':
      if (current.kind === 'block') host.details(current.id);
      else {
        const first = model.slots.slotsWithin(current.resourceId, current.startMs, current.endMs)[0];
        host.book(current.resourceId, first?.startMs ?? current.startMs, { startMs: current.startMs, endMs: current.endMs });
      }
      return true;
    default:
      return false;
  }
}

function moveByKey(host: KeyboardHost, model: DayModel, navigation: NavigationModel, item: GridItem, key: NavKey): void {
  const entry = model.appointments.get(item.id);
  if (entry === undefined) return;
  const { view } = entry;
  if (!canChange(view.status)) {
    host.refuse(host.t('drag.notMovable', { status: statusText(view.status, host.t).toLocaleLowerCase() }));
    return;
  }
  const resourceId = view.resourceId ?? '';
  let targetResource = resourceId;
  let startMs = entry.startMs;
  const step = model.slots.gridMinutes * 60_000;
  if (key === 'ArrowUp') startMs -= step;
  else if (key === 'ArrowDown') startMs += step;
  else {
    const step = key === 'ArrowLeft' ? -1 : 1;
    const composed = host.sideways?.(resourceId, step);
    const next = composed === undefined ? navigation.columns[navigation.columns.indexOf(resourceId) + step] : composed;
    if (next === undefined || next === null || !navigation.columns.includes(next)) return;
    targetResource = next;
  }
  const check = refusePast(
    model.slots.checkMove({ id: view.id, resourceId, serviceId: view.serviceId ?? '', startMs: entry.startMs, endMs: entry.endMs }, targetResource, startMs),
    host.now(),
    host.pastAllowed(),
  );
  if (!check.ok) {
    host.refuse(host.t('drag.snappedBack', { reason: refusalText(model, check, view.id, host.t) }));
    return;
  }
  if (hasPassed(check.startMs, host.now()) && !host.confirm(host.t('fixes.confirmMove'))) return;
  host.move(view.id, { resourceId: check.resourceId, startMs: check.startMs, endMs: check.endMs }, targetText(model, check, view.id, host.t));
}
