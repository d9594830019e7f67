// A data folder whose store holds unsent changes and is then damaged, made the real way:
// main's services run on a clinic seed, the day is fetched, Leyr goes offline, the
// receptionist cancels two appointments (queued, not sent), the app closes, and random bytes
// land in the pages of the cached appointments (pages the app refetches; the outbox's own
// pages are left readable).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Result } from '../../preload/contract/index.ts';
import { silentLogger } from '../../main/log/logger.ts';
import { STORE_FILE_NAME } from '../../main/store/store.ts';
import { pagesOf, scribble } from './damaged-store.ts';
import { createTestServices } from './main-services.ts';
import { sandboxControl } from './sandbox-control.ts';

export interface DamagedDataDir {
  dataDir: string;
  /** The queued cancels, by the appointment they cancel. */
  changes: { appointmentId: string; changeId: string }[];
}

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`call failed: ${result.error.code} ${result.error.message}`);
  return result.value;
};

export async function damagedDataDir(options: { seedFile: string; date: string; cancel: readonly string[] }): Promise<DamagedDataDir> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-damaged-'));
  const services = await createTestServices({ mode: 'web', version: '0.0.0-test', log: silentLogger, dataDir, seedFile: options.seedFile, demoDate: options.date });
  const changes: DamagedDataDir['changes'] = [];
  try {
    value(await services.handlers.refreshDay({ date: options.date }));
    const origin = services.demoSandbox?.origin;
    if (origin === undefined) throw new Error('the demo sandbox did not start');
    await sandboxControl(origin).setFaults({ offline: true });
    for (const appointmentId of options.cancel) {
      const receipt = value(await services.handlers.cancelAppointments({ ids: [appointmentId], reason: 'The doctor is ill' }));
      changes.push({ appointmentId, changeId: receipt.changeId });
    }
  } finally {
    await services.close();
  }
  const file = path.join(dataDir, STORE_FILE_NAME);
  const { pageSize, pages } = pagesOf(file, ['appointments', 'timeslots']);
  if (pages.length === 0) throw new Error('no appointment pages to damage');
  scribble(
    file,
    pages.map((page) => page.pageno),
    pageSize,
  );
  return { dataDir, changes };
}
