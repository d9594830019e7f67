// The toolbar's "Display" menu: colour by service (on or off) with the legend of the care
// unit's services, compact or comfortable density, and the zoom of the time axis; and the zoom
// keys, Ctrl/Cmd + − 0, anywhere in the window. Everything here is this desk's preference in
// main (common/look.ts), so it is back after a restart.
//
// A disclosure rather than a modal dialog: the legend is read while looking at the grid.
// Escape closes it and gives focus back to its button; a click or Tab elsewhere closes it too.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { DENSITIES, DEFAULT_LOOK, type Density } from '../../preload/contract/index.ts';
import { useTranslate } from '../i18n/translate.ts';
import { changeLook, nextZoom, useLook, zoomIn, zoomKey, zoomOut, zoomReset } from '../common/look.ts';
import { serviceColours } from './model/service-colours.ts';
import { useDay } from './state/day-store.ts';
import './look.css';

/**
 * Ctrl/Cmd + − 0 zoom the time axis, in the grid, the toolbar or a dialog alike. Taken before
 * anything else sees them (capture), and their default prevented: the browser's page zoom in
 * the web host, Electron's in the window, would otherwise zoom the whole page too.
 */
function useZoomKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const action = zoomKey(event);
      if (action === null) return;
      event.preventDefault();
      if (action === 'in') zoomIn();
      else if (action === 'out') zoomOut();
      else zoomReset();
    };
    window.addEventListener('keydown', onKeyDown, true);
    // (The desktop app's View menu zooms through main: app/menu-commands.ts.)
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}

const DENSITY_KEY: Record<Density, 'look.comfortable' | 'look.compact'> = { comfortable: 'look.comfortable', compact: 'look.compact' };

function Legend({ on }: { on: boolean }) {
  const t = useTranslate();
  const services = useDay((state) => state.model?.services);
  const rows = useMemo(() => {
    if (services === undefined) return [];
    const colours = serviceColours(services);
    return [...services.values()]
      .map((service) => ({ id: service.id, name: service.name ?? service.id, colour: colours.get(service.id) ?? 0 }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [services]);
  if (rows.length === 0) return <p className="look-hint">{t('look.legendEmpty')}</p>;
  return (
    <>
      <ul className="look-legend" aria-label={t('look.legend')} data-testid="look-legend">
        {rows.map((row) => (
          <li key={row.id} data-service={row.id} data-colour={row.colour}>
            <span className={`legend-swatch swatch-${row.colour}`} aria-hidden="true" />
            <span className="legend-name">{row.name}</span>
          </li>
        ))}
      </ul>
      <p className="look-hint">{on ? t('look.statusHint') : t('look.legendOff')}</p>
    </>
  );
}

function LookPanel({ id, labelId }: { id: string; labelId: string }) {
  const t = useTranslate();
  const look = useLook();
  const percent = Math.round(look.zoom * 100);
  return (
    <div className="look-panel" id={id} role="group" aria-labelledby={labelId} data-testid="look-panel">
      <label className="check">
        <input type="checkbox" checked={look.serviceColours} onChange={(event) => void changeLook({ serviceColours: event.target.checked })} data-testid="look-colours" />
        {t('look.colours')}
      </label>
      <Legend on={look.serviceColours} />
      <fieldset>
        <legend>{t('look.density')}</legend>
        {DENSITIES.map((density) => (
          <label key={density} className="check">
            <input type="radio" name={`${id}-density`} value={density} checked={look.density === density} onChange={() => void changeLook({ density })} data-testid={`look-density-${density}`} />
            {t(DENSITY_KEY[density])}
          </label>
        ))}
      </fieldset>
      <div role="group" aria-label={t('look.zoom')} className="look-zoom-group">
        <h3 aria-hidden="true">{t('look.zoom')}</h3>
        <div className="look-zoom">
          <button type="button" className="icon-button" onClick={zoomOut} disabled={nextZoom(look.zoom, -1) === null} aria-label={t('look.zoomOut')} title={`${t('look.zoomOut')} (Ctrl/Cmd −)`} aria-keyshortcuts="Control+- Meta+-" data-testid="look-zoom-out">
            <span aria-hidden="true">−</span>
          </button>
          <output aria-live="polite" data-testid="look-zoom-value">
            {t('look.zoomValue', { percent })}
          </output>
          <button type="button" className="icon-button" onClick={zoomIn} disabled={nextZoom(look.zoom, 1) === null} aria-label={t('look.zoomIn')} title={`${t('look.zoomIn')} (Ctrl/Cmd +)`} aria-keyshortcuts="Control++ Meta++" data-testid="look-zoom-in">
            <span aria-hidden="true">+</span>
          </button>
          <button type="button" onClick={zoomReset} disabled={look.zoom === DEFAULT_LOOK.zoom} title={`${t('look.zoomReset')} (Ctrl/Cmd 0)`} aria-keyshortcuts="Control+0 Meta+0" data-testid="look-zoom-reset">
            {t('look.zoomReset')}
          </button>
        </div>
      </div>
      <p className="look-hint">{t('look.shortcuts')}</p>
    </div>
  );
}

export function LookMenu() {
  const t = useTranslate();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const labelId = useId();
  useZoomKeys();
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent): void => {
      if (event.target instanceof Node && rootRef.current?.contains(event.target) !== true) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    rootRef.current?.addEventListener('keydown', onKeyDown);
    const root = rootRef.current;
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      root?.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);
  return (
    <div
      className="look-menu"
      ref={rootRef}
      onBlur={(event) => {
        // Tabbing on past the panel closes it, as a click elsewhere does.
        if (open && event.relatedTarget instanceof Node && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button type="button" ref={buttonRef} id={labelId} aria-expanded={open} aria-controls={open ? panelId : undefined} onClick={() => setOpen(!open)} data-testid="look-button" title={t('look.panel')}>
        {t('look.button')}
      </button>
      {open && <LookPanel id={panelId} labelId={labelId} />}
    </div>
  );
}
