// The day grid: a time gutter, one column per shown resource, hour lines, today's line, and
// the drag ghost and lasso. Pointer and keyboard gestures are handled by plain controllers
// (grid-pointer.ts, grid-keyboard.ts) that read the model from a ref, so nothing here
// re-renders while a gesture is in progress.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { formatDateLong } from '../../i18n/format.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { useTranslate } from '../../i18n/translate.ts';
import { careUnitNow } from '../../common/care-unit-clock.ts';
import { useNotices } from '../../common/notices.ts';
import { pastChangesAllowed } from '../../common/past-changes.ts';
import type { DayModel } from '../model/day-model.ts';
import { useLook } from '../../common/look.ts';
import { AXIS_PAD, GRID_TOP, GUTTER_WIDTH } from '../model/grid-constants.ts';
import type { GridGeometry } from '../model/grid-geometry.ts';
import { gridScale, keptScrollTop } from '../model/grid-scale.ts';
import { handleGridKey, type KeyboardHost } from '../model/grid-keyboard.ts';
import { blockKey, firstItem, nearestTo, navigationModel, type GridItem, type GridItemKey, type NavigationModel } from '../model/grid-navigation.ts';
import { GridPointer, type PointerHost } from '../model/grid-pointer.ts';
import { offeredFrom, withoutPastFree } from '../model/past.ts';
import { actionable } from '../model/selection-rules.ts';
import { minuteOf, nowMinute } from '../model/time-axis.ts';
import { moveAppointment } from '../state/actions.ts';
import { useDay } from '../state/day-store.ts';
import { useDrag } from '../state/drag-store.ts';
import { useFocusRequest } from '../state/focus-request.ts';
import { useCareUnitNow, usePastAllowed } from '../state/past-clock.ts';
import { whenIdle } from '../state/idle.ts';
import { useSelection } from '../state/selection-store.ts';
import { useUi } from '../state/ui-store.ts';
import { reportVisibleColumns } from '../state/visible-columns.ts';
import { DragGhost, GestureShield, LassoRect } from './DragLayer.tsx';
import { NowLine } from './NowLine.tsx';
import { PastShade } from './PastShade.tsx';
import { ResourceColumn } from './ResourceColumn.tsx';
import { HourLines, TimeGutter } from './TimeGutter.tsx';

/** Columns drawn beyond each edge of the viewport, so a short scroll shows no gap. */
const OVERSCAN_COLUMNS = 2;

/** Idle time a frame must have left to draw the overscan columns in it. */
const OVERSCAN_IDLE_MS = 8;

function findElement(scroll: HTMLElement | null, key: string): HTMLElement | null {
  return scroll?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`) ?? null;
}

/** The resource of a grid item's key (`block:<id>` or `free:<resource>:<ms>`). */
function resourceOfKey(model: DayModel, key: string | null): string | null {
  if (key === null) return null;
  if (key.startsWith('block:')) return model.appointments.get(key.slice('block:'.length))?.view.resourceId ?? null;
  if (key.startsWith('free:')) return key.slice('free:'.length, key.lastIndexOf(':'));
  return null;
}

/**
 * The columns in or near the viewport. Only those are drawn: a big clinic has 80 columns
 * and 1,400 appointments, of which a screen shows a tenth, and building, styling and laying
 * out the rest would cost most of the 100 ms a day switch may take. Positions, lasso,
 * keyboard and drag work on the layout model, not on the DOM, so they cover every column.
 *
 * A day is first drawn with the columns on screen only; the few beyond each edge (so that a
 * short scroll shows no gap) follow when the browser is idle, off the path of the switch.
 */
function useVisibleColumns(scrollRef: { current: HTMLDivElement | null }, count: number, date: string, columnWidth: number): { range: readonly [number, number]; measure: () => void } {
  // The columns on screen; the drawn range adds the overscan once the day has settled.
  const [visible, setVisible] = useState<readonly [number, number]>(() => [0, Math.ceil(window.innerWidth / columnWidth) - 1]);
  const [settled, setSettled] = useState<string | null>(null);
  const overscan = settled === date ? OVERSCAN_COLUMNS : 0;
  const measure = useCallback(() => {
    const scroll = scrollRef.current;
    if (scroll === null) return;
    const first = Math.floor(scroll.scrollLeft / columnWidth);
    const last = Math.ceil((scroll.scrollLeft + scroll.clientWidth - GUTTER_WIDTH) / columnWidth) - 1;
    setVisible((previous) => (previous[0] === first && previous[1] === last ? previous : [first, last]));
  }, [scrollRef, columnWidth]);
  useLayoutEffect(measure, [measure, count]);
  useEffect(() => {
    const scroll = scrollRef.current;
    if (scroll === null) return;
    scroll.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(scroll);
    return () => {
      scroll.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [scrollRef, measure]);
  useEffect(() => {
    if (settled === date) return;
    const idle = whenIdle(() => setSettled(date), OVERSCAN_IDLE_MS);
    return idle.cancel;
  }, [settled, date]);
  const first = Math.max(0, visible[0] - overscan);
  const last = Math.min(count - 1, visible[1] + overscan);
  const range = useMemo(() => [first, last] as const, [first, last]);
  return { range, measure };
}

function openBooking(resourceId: string, startMs: number, band: { startMs: number; endMs: number }): void {
  useUi.getState().openDialog({ kind: 'booking', resourceId, startMs, bandStartMs: band.startMs, bandEndMs: band.endMs });
}

/** Rebook these appointments, or with none the resource's whole day: what of it can change and has not started (the care unit's clock). */
function startRebook(model: DayModel, ids: readonly string[], resourceId: string): void {
  // Not offered on a composed grid (the week): see ResourceColumn's onRebook.
  if (useDay.getState().lens !== null) return;
  const now = careUnitNow();
  const views =
    ids.length > 0
      ? ids.map((id) => model.appointments.get(id)?.view)
      : [...model.appointments.values()].filter((entry) => entry.view.resourceId === resourceId && entry.startMs > now).map((entry) => entry.view);
  const changeable = actionable(views.filter((view) => view !== undefined)).map((view) => view.id);
  if (changeable.length === 0) {
    useNotices.getState().notify('info', useLocale.getState().t('rebook.nothing'));
    return;
  }
  useUi.getState().openDialog({ kind: 'rebook', ids: changeable });
}

function startCancel(model: DayModel, ids: readonly string[]): void {
  const changeable = actionable(ids.map((id) => model.appointments.get(id)?.view).filter((view) => view !== undefined)).map((view) => view.id);
  if (changeable.length === 0) return;
  useUi.getState().openDialog({ kind: 'cancel', ids: changeable });
}

export function DayGrid({ model }: { model: DayModel }) {
  const t = useTranslate();
  if (model.resources.length === 0) {
    // "No resources" only when Leyr said so: a day fetched with none. Before the first fetch
    // the day is loading (or its fetch failed), whatever the store holds.
    if (model.snapshot.fetchedAt !== null) return <p className="grid-empty">{t('grid.noResources')}</p>;
    return (
      <p className="grid-empty" data-testid="day-loading">
        {model.snapshot.lastFetchFailed === true ? t('grid.notFetched') : t('app.loading')}
      </p>
    );
  }
  if (model.columns.length === 0) return <p className="grid-empty">{t('grid.empty')}</p>;
  return <GridView model={model} />;
}

function GridView({ model }: { model: DayModel }) {
  const t = useTranslate();
  const scrollRef = useRef<HTMLDivElement>(null);
  const ghostRef = useRef<HTMLDivElement>(null);
  const lassoRef = useRef<HTMLDivElement>(null);
  const shieldRef = useRef<HTMLDivElement>(null);
  // Density and zoom of this desk (main's preferences): the grid's one scale, for drawing and for every gesture.
  const density = useLook((state) => state.density);
  const zoom = useLook((state) => state.zoom);
  const serviceColours = useLook((state) => state.serviceColours);
  const { pxPerMinute, columnWidth } = gridScale(density, zoom);
  const geometry = useMemo<GridGeometry>(
    () => ({ columns: model.columnIds, columnWidth, left: GUTTER_WIDTH, top: GRID_TOP, pxPerMinute }),
    [model.columnIds, columnWidth, pxPerMinute],
  );
  // Free time that has passed is not offered: not drawn as free, not in the keyboard's walk.
  const nowMs = useCareUnitNow();
  const from = offeredFrom(model.axis, nowMs, model.slots.gridMinutes, usePastAllowed());
  const layout = useMemo(() => withoutPastFree(model.layout, from), [model.layout, from]);
  const navigation = useMemo(() => navigationModel(layout, model.columnIds), [layout, model.columnIds]);
  const { range, measure } = useVisibleColumns(scrollRef, model.columns.length, model.snapshot.date, columnWidth);
  // Main fetches the names of the drawn columns first.
  const drawnIds = useMemo(() => model.columnIds.slice(range[0], range[1] + 1).join('\n'), [model.columnIds, range]);
  useEffect(() => {
    reportVisibleColumns(model.snapshot.date, drawnIds === '' ? [] : drawnIds.split('\n'));
  }, [model.snapshot.date, drawnIds]);
  const focusKey = useSelection((state) => state.focusKey);
  const live = useRef({ model, geometry, navigation, t, measure });
  useLayoutEffect(() => {
    live.current = { model, geometry, navigation, t, measure };
  });
  const rebookColumn = useCallback((resourceId: string) => startRebook(live.current.model, [], resourceId), []);
  const composed = useDay((state) => state.lens !== null);

  /** Focuses a grid item, first scrolling its column into view (and so into the DOM) if needed. */
  const focusItem = useCallback((key: string, block: ScrollLogicalPosition = 'nearest'): void => {
    const scroll = scrollRef.current;
    let element = findElement(scroll, key);
    if (element === null && scroll !== null) {
      const { model: current, geometry: shape } = live.current;
      const column = shape.columns.indexOf(resourceOfKey(current, key) ?? '');
      if (column === -1) return;
      const width = shape.columnWidth;
      scroll.scrollLeft = Math.max(0, column * width - (scroll.clientWidth - GUTTER_WIDTH - width) / 2);
      flushSync(() => live.current.measure());
      element = findElement(scroll, key);
    }
    if (element === null) return;
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block, inline: 'nearest' });
  }, []);

  useEffect(() => {
    const scroll = scrollRef.current;
    const ghost = ghostRef.current;
    const lasso = lassoRef.current;
    const shield = shieldRef.current;
    if (scroll === null || ghost === null || lasso === null || shield === null) return;
    const selection = () => useSelection.getState();
    const host: PointerHost = {
      scroll,
      ghost,
      lasso,
      shield,
      model: () => live.current.model,
      geometry: () => live.current.geometry,
      t: (key, options) => live.current.t(key, options),
      selection: {
        selected: () => selection().selected,
        anchor: () => selection().anchor,
        selectOnly: (id) => selection().selectOnly(id),
        toggle: (id) => selection().toggle(id),
        set: (ids, anchor) => selection().setMany(ids, 'replace', anchor),
        clear: () => selection().clear(),
        focus: (key) => {
          selection().setFocus(key as GridItemKey);
          focusItem(key);
        },
      },
      drag: {
        start: (info) => useDrag.getState().start(info),
        target: (info) => useDrag.getState().setTarget(info),
        end: () => useDrag.getState().end(),
      },
      move: (id, target) => void moveAppointment(id, target),
      refuse: (text) => useNotices.getState().notify('error', text),
      now: careUnitNow,
      pastAllowed: pastChangesAllowed,
      confirm: (question) => window.confirm(question),
      book: openBooking,
      details: (id) => useUi.getState().openDialog({ kind: 'details', appointmentId: id }),
    };
    const pointer = new GridPointer(host);
    scroll.addEventListener('pointerdown', pointer.onPointerDown);
    scroll.addEventListener('mousedown', pointer.onMouseDown);
    return () => {
      scroll.removeEventListener('pointerdown', pointer.onPointerDown);
      scroll.removeEventListener('mousedown', pointer.onMouseDown);
      pointer.dispose();
    };
  }, [focusItem]);

  useLayoutEffect(() => {
    performance.mark(`day:commit:${model.snapshot.date}`);
  }, [model.snapshot.date]);

  // Keyboard focus follows the focused appointment when an update draws its block anew (a
  // move to another column, main's answer replacing the optimistic copy): the old element
  // leaves the DOM and would drop focus to the page. Only while focus was in the grid: a
  // click on a header button or a dialog takes it elsewhere on purpose.
  const focusInGrid = useRef(false);
  useLayoutEffect(() => {
    const active = document.activeElement;
    if (!focusInGrid.current || (active !== null && active !== document.body)) return;
    const key = useSelection.getState().focusKey;
    if (key !== null) focusItem(key);
  });

  // Keep one item in the tab order: the focused one if it still exists, else the one nearest
  // to where it was (a cancel, move or booking took it away: the keyboard stays there), else
  // the first. The item is looked for in its own column only: listing every column's items
  // would cost a new day's first frame milliseconds.
  const lastFocused = useRef<{ date: string; item: GridItem } | null>(null);
  useEffect(() => {
    const { setFocus } = useSelection.getState();
    const date = live.current.model.snapshot.date;
    const resource = resourceOfKey(live.current.model, focusKey);
    const present = focusKey === null || resource === null || !navigation.columns.includes(resource) ? undefined : navigation.items(resource).find((item) => item.key === focusKey);
    if (present !== undefined) {
      lastFocused.current = { date, item: present };
      return;
    }
    const before = lastFocused.current?.date === date ? lastFocused.current.item : null;
    setFocus(((before === null ? null : nearestTo(navigation, before)) ?? firstItem(navigation))?.key ?? null);
  }, [navigation, focusKey]);

  // A day opens at now (today: the now line a third down the view) or at its first working hour.
  useLayoutEffect(() => {
    const scroll = scrollRef.current;
    if (scroll === null) return;
    const { axis } = live.current.model;
    const now = careUnitNow();
    const minute = nowMinute(axis, now);
    if (minute !== null) scroll.scrollTop = Math.max(0, GRID_TOP + minute * live.current.geometry.pxPerMinute - scroll.clientHeight / 3);
    else scroll.scrollTop = now >= axis.endMs && now < axis.day.endMs ? scroll.scrollHeight : 0;
  }, [model.snapshot.date]);

  // A zoom (or density) keeps the time under the focused item, when it is on screen, else
  // under the middle of the view, where it was on screen. The scroll position is kept as it
  // was last shown: by the time this runs the browser may have clamped it to the new height.
  const shown = useRef<{ scrollTop: number; pxPerMinute: number } | null>(null);
  useLayoutEffect(() => {
    const scroll = scrollRef.current;
    if (scroll === null) return;
    const before = shown.current;
    if (before !== null && before.pxPerMinute !== pxPerMinute) {
      let anchorY = scroll.clientHeight / 2;
      const active = document.activeElement;
      if (active instanceof HTMLElement && active.dataset.key !== undefined && scroll.contains(active)) {
        // The item's minute from its new place in its column (below the column names).
        const y = GRID_TOP + (active.offsetTop / pxPerMinute) * before.pxPerMinute - before.scrollTop;
        if (y >= GRID_TOP && y <= scroll.clientHeight) anchorY = y;
      }
      scroll.scrollTop = keptScrollTop(before, pxPerMinute, GRID_TOP, anchorY);
    }
    shown.current = { scrollTop: scroll.scrollTop, pxPerMinute };
  }, [pxPerMinute]);
  useEffect(() => {
    const scroll = scrollRef.current;
    if (scroll === null) return;
    const onScroll = (): void => {
      shown.current = { scrollTop: scroll.scrollTop, pxPerMinute: live.current.geometry.pxPerMinute };
    };
    scroll.addEventListener('scroll', onScroll, { passive: true });
    return () => scroll.removeEventListener('scroll', onScroll);
  }, []);

  // The find panel asked for an appointment of this day: focused and selected, its column and
  // time scrolled into view (into the middle, where the selection bar cannot cover it); said
  // when its column is hidden (nothing to focus then). A dialog closing asks for a place in a
  // column: the block starting there, else the item holding that time, else the nearest.
  const focusRequest = useFocusRequest((state) => state.request);
  useEffect(() => {
    if (focusRequest === null || focusRequest.date !== model.snapshot.date) return;
    useFocusRequest.getState().done();
    if (!('appointmentId' in focusRequest)) {
      const { resourceId, startMs } = focusRequest;
      const current = live.current.navigation;
      const items = current.columns.includes(resourceId) ? current.items(resourceId) : [];
      const item =
        items.find((entry) => entry.kind === 'block' && entry.startMs === startMs) ??
        items.find((entry) => entry.startMs <= startMs && startMs < entry.endMs) ??
        nearestTo(current, { resourceId, top: minuteOf(model.axis, startMs) });
      if (item === null) return;
      useSelection.getState().setFocus(item.key);
      focusInGrid.current = true;
      focusItem(item.key);
      return;
    }
    const { appointmentId } = focusRequest;
    if (!model.layout.blocks.has(appointmentId)) {
      if (model.appointments.has(appointmentId)) useNotices.getState().notify('info', live.current.t('find.notShown'));
      return;
    }
    const key = blockKey(appointmentId);
    useSelection.getState().selectOnly(appointmentId);
    useSelection.getState().setFocus(key);
    focusInGrid.current = true;
    focusItem(key, focusRequest.center === true ? 'center' : 'nearest');
    // The selection bar that the selection brings takes the grid's lower part a frame later:
    // centred again once it is there, unless the keyboard has moved on.
    if (focusRequest.center === true)
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const element = findElement(scrollRef.current, key);
          if (element !== null && element === document.activeElement) element.scrollIntoView({ block: 'center', inline: 'nearest' });
        }),
      );
  }, [focusRequest, model, focusItem]);

  const keyboard = useMemo<KeyboardHost>(() => {
    const selection = () => useSelection.getState();
    return {
      model: () => live.current.model,
      navigation: (): NavigationModel => live.current.navigation,
      t: (key, options) => live.current.t(key, options),
      focusKey: () => selection().focusKey,
      focus: (item: GridItem) => {
        selection().setFocus(item.key);
        focusItem(item.key);
      },
      selected: () => selection().selected,
      toggle: (id) => selection().toggle(id),
      addToSelection: (id) => selection().setMany([id], 'add'),
      clearSelection: () => selection().clear(),
      move: (id, target, announcement) => {
        useNotices.getState().notify('info', announcement);
        void moveAppointment(id, target);
        // A move to another column draws the block anew there; keep the keyboard on it.
        setTimeout(() => focusItem(`block:${id}`), 0);
      },
      refuse: (text) => useNotices.getState().notify('error', text),
      now: careUnitNow,
      pastAllowed: pastChangesAllowed,
      confirm: (question) => window.confirm(question),
      cancel: (ids) => startCancel(live.current.model, ids),
      details: (id) => useUi.getState().openDialog({ kind: 'details', appointmentId: id }),
      book: openBooking,
      rebook: (ids, resourceId) => startRebook(live.current.model, ids, resourceId),
      sideways: (column, step) => useDay.getState().lens?.sideways(column, step),
    };
  }, [focusItem]);

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
    if (handleGridKey(keyboard, event)) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  const focusedResource = resourceOfKey(model, focusKey);
  const width = model.columns.length * columnWidth;
  const height = model.axis.minutes * pxPerMinute + AXIS_PAD;
  const locale = model.locale;
  return (
    <div
      className={`grid-scroll density-${density}${serviceColours ? ' look-colours' : ''}`}
      ref={scrollRef}
      onKeyDown={onKeyDown}
      onFocus={() => {
        focusInGrid.current = true;
      }}
      onBlur={(event) => {
        // Focus moved to something outside the grid (null: the element went away, keep it).
        if (event.relatedTarget !== null && !event.currentTarget.contains(event.relatedTarget)) focusInGrid.current = false;
      }}
      data-testid="day-grid"
      data-day={model.snapshot.date}
      data-zoom={zoom}
      data-px-per-minute={pxPerMinute}
    >
      <div className="grid-content" style={{ width: GUTTER_WIDTH + width, height: GRID_TOP + height }}>
        <TimeGutter axis={model.axis} pxPerMinute={pxPerMinute} />
        <div className="grid-layer" style={{ left: GUTTER_WIDTH }}>
          <HourLines axis={model.axis} width={width} pxPerMinute={pxPerMinute} />
          <NowLine axis={model.axis} width={width} pxPerMinute={pxPerMinute} />
        </div>
        <div
          role="grid"
          className="grid-columns"
          aria-label={t('grid.label', { date: formatDateLong(model.snapshot.date, model.zone, locale) })}
          aria-multiselectable="true"
          aria-rowcount={model.columns.length}
        >
          {model.columns.map((resource, index) => {
            const drawn = (index >= range[0] && index <= range[1]) || resource.id === focusedResource;
            const column = layout.columns.get(resource.id);
            if (!drawn || column === undefined) return null;
            return (
              <ResourceColumn
                key={resource.id}
                resourceId={resource.id}
                name={model.resourceNames.get(resource.id) ?? resource.id}
                countLabel={t('grid.columnCount', { count: column.blocks.length })}
                emptyLabel={t('grid.columnEmpty')}
                index={index}
                column={column}
                blocks={model.blocks}
                freeLabel={model.freeLabel}
                height={height}
                rebookLabel={t('rebook.columnAction', { resource: model.resourceNames.get(resource.id) ?? resource.id })}
                onRebook={composed ? null : rebookColumn}
                pxPerMinute={pxPerMinute}
                columnWidth={columnWidth}
              />
            );
          })}
        </div>
        <PastShade axis={model.axis} width={width} nowMs={nowMs} pxPerMinute={pxPerMinute} />
        <DragGhost ref={ghostRef} />
        <LassoRect ref={lassoRef} />
        <GestureShield ref={shieldRef} />
      </div>
    </div>
  );
}
