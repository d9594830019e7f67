// The printout: a clean list per resource — time, patient, service, comment — drawn into a
// container of its own outside the app (a portal on <body>), which only the print
// stylesheet shows (@media print hides the app). Personal numbers come from main masked
// unless the receptionist chose to show them.
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import type { AppointmentView, PrintDay, ResourceView } from '../../preload/contract/index.ts';
import { formatDateLong, formatTimeRange } from '../i18n/format.ts';
import { useLocale } from '../i18n/i18n.ts';
import { useTranslate } from '../i18n/translate.ts';
import { frontdesk } from '../common/frontdesk.ts';
import { useNotices } from '../common/notices.ts';
import { usePrint, type PrintSheet as Sheet } from './print-store.ts';

/** The PDF's name: what it lists and its first day, e.g. "Frontdesk 2026-03-23". */
const pdfName = (sheet: Sheet): string => `Frontdesk ${sheet.data.days[0]?.date ?? ''}`.trim();

/** Prints (or saves) the sheet now on the page: through main in the desktop app, else the browser's print. */
async function output(sheet: Sheet, desktop: boolean): Promise<void> {
  if (!desktop) {
    window.print();
    return;
  }
  const result = sheet.output === 'pdf' ? await frontdesk().saveSheetAsPdf({ fileName: pdfName(sheet) }) : await frontdesk().printSheet();
  if (!result.ok) useNotices.getState().notify('error', result.error.message);
}

/** `desktop`: the Electron app, which prints through main (and can save a PDF). */
export function PrintSheet({ desktop }: { desktop: boolean }) {
  const sheet = usePrint((state) => state.sheet);
  const request = usePrint((state) => state.request);
  useEffect(() => {
    // Drawn by now (effects run after the DOM is updated): print what is on the sheet.
    const drawn = usePrint.getState().sheet;
    if (request > 0 && drawn !== null) void output(drawn, desktop);
  }, [request, desktop]);
  if (sheet === null) return null;
  return createPortal(<SheetBody sheet={sheet} />, document.body);
}

function SheetBody({ sheet }: { sheet: Sheet }) {
  const t = useTranslate();
  const locale = useLocale((state) => state.locale);
  const { data } = sheet;
  const zone = data.zone;
  const services = new Map(data.services.map((s) => [s.id, s.name]));
  const numbers = data.personalNumbers;
  const printedAt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(sheet.madeAt);

  const rows = (day: PrintDay, resource: ResourceView): AppointmentView[] => day.appointments.filter((a) => a.resourceId === resource.id);
  const table = (appointments: AppointmentView[]) =>
    appointments.length === 0 ? (
      <p className="print-none">{t('commentPrint.none')}</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th scope="col">{t('commentPrint.time')}</th>
            <th scope="col">{t('commentPrint.patient')}</th>
            <th scope="col">{t('commentPrint.service')}</th>
            <th scope="col">{t('commentPrint.comment')}</th>
          </tr>
        </thead>
        <tbody>
          {appointments.map((a) => (
            <tr key={a.id}>
              <td className="print-time">{formatTimeRange(Date.parse(a.start), Date.parse(a.end), zone, locale)}</td>
              <td>
                {a.patientName ?? t('commentPrint.unknownPatient')}
                {a.patientId !== null && numbers[a.patientId] !== undefined && <span className="print-number"> {numbers[a.patientId]}</span>}
              </td>
              <td>{a.serviceId === null ? '' : (services.get(a.serviceId) ?? '')}</td>
              <td className="print-comment">{a.comment ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  const dayHeading = (day: PrintDay) => (
    <>
      {formatDateLong(day.date, zone, locale)}
      {day.stale && <span className="print-stale"> — {t('commentPrint.stale')}</span>}
    </>
  );

  return (
    <div id="print-sheet" className="print-sheet" data-testid="print-sheet">
      <header>
        <p className="print-unit">{data.careUnitName ?? ''}</p>
        <p className="print-made">{t('commentPrint.printed', { at: printedAt })}</p>
      </header>
      {sheet.mode === 'day'
        ? data.days.map((day) => (
            <section key={day.date}>
              <h1>{dayHeading(day)}</h1>
              {data.resources.map((resource) => (
                <section key={resource.id} className="print-resource">
                  <h2>{resource.name ?? resource.id}</h2>
                  {table(rows(day, resource))}
                </section>
              ))}
            </section>
          ))
        : data.resources.map((resource) => (
            <section key={resource.id}>
              <h1>{resource.name ?? resource.id}</h1>
              {data.days.map((day) => (
                <section key={day.date} className="print-resource">
                  <h2>{dayHeading(day)}</h2>
                  {table(rows(day, resource))}
                </section>
              ))}
            </section>
          ))}
    </div>
  );
}
