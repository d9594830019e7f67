// Which resources the grid shows and in which order; remembered per care unit.
import { useTranslate } from '../../i18n/translate.ts';
import { Dialog } from '../../common/Dialog.tsx';
import { moveColumn, orderedResources, setHidden } from '../model/column-prefs.ts';
import { useDay } from '../state/day-store.ts';
import { useUi } from '../state/ui-store.ts';

export function ColumnsDialog() {
  const t = useTranslate();
  const close = useUi((state) => state.closeDialog);
  const resources = useDay((state) => state.base?.resources);
  const prefs = useDay((state) => state.prefs);
  const setPrefs = useDay((state) => state.setPrefs);
  const all = orderedResources(resources ?? [], prefs);
  const hidden = new Set(prefs.hidden);
  return (
    <Dialog
      title={t('columns.title')}
      subtitle={t('columns.hint')}
      onClose={close}
      testId="columns-dialog"
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
      <ol className="column-list">
        {all.map((resource, index) => {
          const name = resource.name ?? resource.id;
          return (
            <li key={resource.id}>
              <label className="check">
                <input type="checkbox" checked={!hidden.has(resource.id)} onChange={(event) => setPrefs(setHidden(prefs, resource.id, !event.target.checked))} aria-label={t('columns.show', { name })} />
                <span aria-hidden="true">{name}</span>
              </label>
              <span className="column-order">
                <button type="button" className="icon-button" disabled={index === 0} onClick={() => setPrefs(moveColumn(resources ?? [], prefs, resource.id, -1))} aria-label={t('columns.moveUp', { name })}>
                  <span aria-hidden="true">↑</span>
                </button>
                <button type="button" className="icon-button" disabled={index === all.length - 1} onClick={() => setPrefs(moveColumn(resources ?? [], prefs, resource.id, 1))} aria-label={t('columns.moveDown', { name })}>
                  <span aria-hidden="true">↓</span>
                </button>
              </span>
            </li>
          );
        })}
      </ol>
    </Dialog>
  );
}
