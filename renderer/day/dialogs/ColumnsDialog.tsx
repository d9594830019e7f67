// Which resources the grid shows and in which order; remembered per care unit. A filter box
// on top (focused when the dialog opens: typing filters, ↓ goes into the list, ↑ from the
// first row comes back, and typing in the list goes on in the box); each column can move one
// place, or to the top or the bottom. After a move the keyboard stays on the moved column.
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslate } from '../../i18n/translate.ts';
import { Dialog } from '../../common/Dialog.tsx';
import { useNotices } from '../../common/notices.ts';
import { columnMatcher } from '../model/column-filter.ts';
import { moveColumn, moveColumnTo, orderedResources, setHidden, type ColumnPrefs } from '../model/column-prefs.ts';
import { useDay } from '../state/day-store.ts';
import { useUi } from '../state/ui-store.ts';
import './columns.css';

type Control = 'show' | 'up' | 'down' | 'top' | 'bottom';

const controlIn = (row: Element | null | undefined, control: Control): HTMLInputElement | HTMLButtonElement | null => row?.querySelector<HTMLInputElement | HTMLButtonElement>(`[data-control="${control}"]`) ?? null;

/** The control to focus in a row: the one asked for, else (it is disabled now) the row's checkbox. */
function focusIn(row: Element | null | undefined, control: Control): void {
  const wanted = controlIn(row, control);
  (wanted !== null && !wanted.disabled ? wanted : controlIn(row, 'show'))?.focus();
}

export function ColumnsDialog() {
  const t = useTranslate();
  const close = useUi((state) => state.closeDialog);
  const resources = useDay((state) => state.base?.resources);
  const prefs = useDay((state) => state.prefs);
  const setPrefs = useDay((state) => state.setPrefs);
  const [filter, setFilter] = useState('');
  const filterRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const refocus = useRef<{ id: string; control: Control } | null>(null);
  const all = orderedResources(resources ?? [], prefs);
  const hidden = new Set(prefs.hidden);
  const matches = columnMatcher(filter);
  const shown = all.map((resource, index) => ({ resource, index, name: resource.name ?? resource.id })).filter((row) => matches(row.name));

  // The moved column's row is drawn in its new place: the keyboard follows it there.
  useLayoutEffect(() => {
    const target = refocus.current;
    if (target === null) return;
    refocus.current = null;
    focusIn(listRef.current?.querySelector(`[data-column-row="${CSS.escape(target.id)}"]`), target.control);
  });

  const move = (id: string, control: Control, next: ColumnPrefs, said?: string): void => {
    refocus.current = { id, control };
    setPrefs(next);
    if (said !== undefined) useNotices.getState().notify('info', said);
  };

  const onFilterKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'ArrowDown') return;
    event.preventDefault();
    controlIn(listRef.current?.querySelector('[data-column-row]'), 'show')?.focus();
  };

  const onListKey = (event: KeyboardEvent<HTMLOListElement>): void => {
    const target = event.target as HTMLElement;
    const row = target.closest('[data-column-row]');
    if (row === null) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const control = (target.dataset.control as Control | undefined) ?? 'show';
      const sibling = event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
      if (sibling !== null) focusIn(sibling, control);
      else if (event.key === 'ArrowUp') filterRef.current?.focus();
      return;
    }
    // A letter typed in the list goes on in the filter box (Space still ticks the checkbox).
    if (event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey) filterRef.current?.focus();
  };

  return (
    <Dialog
      title={t('columns.title')}
      subtitle={t('columns.hint')}
      onClose={close}
      testId="columns-dialog"
      className="columns-dialog"
      footer={
        <>
          <button type="button" onClick={() => setPrefs({ ...prefs, hidden: [] })} disabled={hidden.size === 0}>
            {t('columns.showAll')}
          </button>
          <button type="button" className="primary" onClick={close}>
            {t('columns.close')}
          </button>
        </>
      }
    >
      <div className="column-filter">
        <label>
          <span>{t('look.filter')}</span>
          <input
            ref={filterRef}
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            onKeyDown={onFilterKey}
            placeholder={t('look.filterPlaceholder')}
            aria-describedby="column-filter-hint"
            aria-controls="column-list"
            data-testid="columns-filter"
          />
        </label>
        <span className="column-filter-count" aria-live="polite" data-testid="columns-filter-count">
          {filter.trim() === '' ? '' : t('look.filterCount', { count: shown.length, total: all.length })}
        </span>
        <p id="column-filter-hint" className="look-hint">
          {t('look.filterHint')}
        </p>
      </div>
      {shown.length === 0 && <p className="look-hint">{t('look.noMatch', { text: filter.trim() })}</p>}
      <ol className="column-list" id="column-list" ref={listRef} onKeyDown={onListKey}>
        {shown.map(({ resource, index, name }) => {
          const id = resource.id;
          const first = index === 0;
          const last = index === all.length - 1;
          return (
            <li key={id} data-column-row={id}>
              <label className="check">
                <input type="checkbox" data-control="show" checked={!hidden.has(id)} onChange={(event) => setPrefs(setHidden(prefs, id, !event.target.checked))} aria-label={t('columns.show', { name })} />
                <span aria-hidden="true">{name}</span>
              </label>
              <span className="column-order">
                <button type="button" className="icon-button" data-control="top" disabled={first} onClick={() => move(id, 'top', moveColumnTo(resources ?? [], prefs, id, 'top'), t('look.movedTop', { name }))} aria-label={t('look.moveTop', { name })} title={t('look.moveTop', { name })}>
                  <span aria-hidden="true">⤒</span>
                </button>
                <button type="button" className="icon-button" data-control="up" disabled={first} onClick={() => move(id, 'up', moveColumn(resources ?? [], prefs, id, -1))} aria-label={t('columns.moveUp', { name })}>
                  <span aria-hidden="true">↑</span>
                </button>
                <button type="button" className="icon-button" data-control="down" disabled={last} onClick={() => move(id, 'down', moveColumn(resources ?? [], prefs, id, 1))} aria-label={t('columns.moveDown', { name })}>
                  <span aria-hidden="true">↓</span>
                </button>
                <button type="button" className="icon-button" data-control="bottom" disabled={last} onClick={() => move(id, 'bottom', moveColumnTo(resources ?? [], prefs, id, 'bottom'), t('look.movedBottom', { name }))} aria-label={t('look.moveBottom', { name })} title={t('look.moveBottom', { name })}>
                  <span aria-hidden="true">⤓</span>
                </button>
              </span>
            </li>
          );
        })}
      </ol>
    </Dialog>
  );
}
