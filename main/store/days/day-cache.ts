// The cached days of an account, one part per job: the catalog, the server copy of each day,
// the local view (server copy + pending overlay), two-step cancels waiting for a code, and
// the forgetting of past days. `store.days` is all of them.
import type { Database } from '../database.ts';
import { createByPatient, type ByPatient } from './by-patient.ts';
import { createCancellations, type Cancellations } from './cancellations.ts';
import { createCatalog, type Catalog } from './catalog.ts';
import { createForgetting, type Forgetting } from './forgetting.ts';
import { createLocalView, type LocalView } from './local-view.ts';
import { createServerCopy, type ServerCopy } from './server-copy.ts';

export interface DayCache extends Catalog, ServerCopy, LocalView, Cancellations, Forgetting, ByPatient {}

export function createDayCache(database: Database): DayCache {
  return {
    ...createCatalog(database),
    ...createServerCopy(database),
    ...createLocalView(database),
    ...createCancellations(database),
    ...createForgetting(database),
    ...createByPatient(database),
  };
}
