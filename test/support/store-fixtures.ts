// A real store in a temporary folder, and appointment records to put in it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppointmentRecord } from '../../main/store/records.ts';
import { openStore, type LocalStore } from '../../main/store/store.ts';

export interface TempStore {
  store: LocalStore;
  dir: string;
  accountId: number;
  reopen(): LocalStore;
  dispose(): void;
}

export function tempStore(): TempStore {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-store-'));
  let store = openStore(dir);
  const account = store.accounts.ensure({ key: 'test:webdoc:L0_1', emr: 'webdoc', careUnitId: 'L0_1' }, new Date().toISOString());
  return {
    get store() {
      return store;
    },
    dir,
    accountId: account.id,
    reopen() {
      store.close();
      store = openStore(dir);
      return store;
    },
    dispose() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An appointment on 2026-03-23 (Stockholm, +01:00) at `hh:mm` for `minutes`. */
export function appointment(id: string, time: string, overrides: Partial<AppointmentRecord> = {}, minutes = 30): AppointmentRecord {
  const [h = 0, m = 0] = time.split(':').map(Number);
  const end = h * 60 + m + minutes;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return {
    id,
    date: '2026-03-23',
    start: `2026-03-23T${pad(h)}:${pad(m)}:00+01:00`,
    end: `2026-03-23T${pad(Math.floor(end / 60))}:${pad(end % 60)}:00+01:00`,
    resourceId: 'res-001',
    patientId: 'pat-1',
    serviceId: 'svc-30',
    status: 'booked',
    comment: null,
    careUnitId: 'L0_1',
    ...overrides,
  };
}
