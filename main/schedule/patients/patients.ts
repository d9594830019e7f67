// Patients: search by personal number or by name at Leyr (the store's copy while Leyr is out
// of reach), creation, and the names the day view shows (patient-names.ts).
import type { CallParsedArg, PatientSearchResult, PatientView } from '../../../preload/contract/index.ts';
import { invalidArgument } from '../../errors/failure.ts';
import type { IDisposable } from '../../lifecycle/disposable.ts';
import type { LeyrApi } from '../../leyr/api.ts';
import { LeyrError } from '../../leyr/errors.ts';
import { parseSwedishPersonalNumber } from '../../leyr/ids.ts';
import type { PatientRecord } from '../../store/records.ts';
import type { ScheduleContext } from '../common/context.ts';
import { isTransportFailure } from '../common/leyr-outcome.ts';
import { patientRecord } from '../common/leyr-records.ts';
import { createPatientNameFetcher } from './patient-names.ts';

export interface Patients extends IDisposable {
  search(arg: CallParsedArg<'searchPatients'>): Promise<PatientSearchResult>;
  create(arg: CallParsedArg<'createPatient'>): Promise<PatientView>;
  /** Fetches the names of a day's patients not fetched today; true when any was stored. */
  namesOf(date: string): Promise<boolean>;
}

const SEARCH_LIMIT = 50;

const patientView = (p: PatientRecord): PatientView => ({ id: p.id, emrId: p.emrId, firstName: p.firstName, lastName: p.lastName, personalNumber: p.externalId });

// Leyr answers an unknown patient id with 400 INVALID_PATIENT_ID (a 404 from a proxy means
// the same). Any other refusal (credentials, rate limit, an EHR that cannot look patients up
// by personal number) is not "nobody found": it is the call's error, in plain words.
const isUnknownPatient = (error: unknown): boolean =>
  error instanceof LeyrError && error.kind === 'http' && (error.status === 404 || (error.status === 400 && error.errorCodes.includes('INVALID_PATIENT_ID')));
/** Leyr could not be asked (the store answers instead). */
const isOutOfReach = (error: unknown): boolean => isTransportFailure(error) || (error instanceof LeyrError && (error.status ?? 0) >= 500);

function personalNumber(path: string, value: string): string {
  const parsed = parseSwedishPersonalNumber(value);
  if (!parsed.ok) throw invalidArgument(path, `not a valid Swedish personal number: ${parsed.message}`);
  return parsed.value;
}

export function createPatients(options: { ctx: ScheduleContext; api: LeyrApi; nameConcurrency: number }): Patients {
  const { ctx, api } = options;
  const { store, accountId, actor } = ctx;
  let closed = false;
  const names = createPatientNameFetcher({ api, patients: store.patients, concurrency: options.nameConcurrency, log: ctx.log, isClosed: () => closed });
  const audit = (how: string, count: number, source: 'leyr' | 'store'): void =>
    store.audit.write({ accountId, at: ctx.nowIso(), actor, action: 'patient.searched', outcome: source, detail: `by ${how}: ${count} found` });

  async function byPersonalNumber(query: string): Promise<PatientSearchResult> {
    const number = personalNumber('query', query.replace(/\s+/g, ''));
    try {
      const patient = patientRecord(await api.getPatient(`se_personal_number:${number}`));
      const withNumber = { ...patient, externalId: patient.externalId ?? number };
      store.patients.upsert(accountId, [withNumber], ctx.today());
      audit('personal number', 1, 'leyr');
      return { patients: [patientView(withNumber)], source: 'leyr' };
    } catch (error) {
      if (isUnknownPatient(error)) {
        audit('personal number', 0, 'leyr');
        return { patients: [], source: 'leyr' };
      }
      if (!isOutOfReach(error)) throw error;
      const found = store.patients.byExternalId(accountId, number);
      audit('personal number', found.length, 'store');
      return { patients: found.map(patientView), source: 'store' };
    }
  }

  async function byName(query: string): Promise<PatientSearchResult> {
    const words = query.split(/\s+/).filter((w) => w !== '');
    const [head = '', ...rest] = words;
    const tail = rest.join(' ');
    const searches = rest.length === 0 ? [{ first_name: head }, { last_name: head }] : [{ first_name: head, last_name: tail }, { first_name: tail, last_name: head }];
    try {
      const results = await Promise.all(searches.map((q) => api.searchPatients(q)));
      const byId = new Map<string, PatientRecord>();
      for (const patient of results.flat()) if (!byId.has(patient.id)) byId.set(patient.id, patientRecord(patient));
      const patients = [...byId.values()]
        .sort((a, b) => (a.lastName ?? '').localeCompare(b.lastName ?? '', 'sv') || (a.firstName ?? '').localeCompare(b.firstName ?? '', 'sv') || a.id.localeCompare(b.id))
        .slice(0, SEARCH_LIMIT);
      store.patients.upsert(accountId, patients, ctx.today());
      audit('name', patients.length, 'leyr');
      return { patients: patients.map(patientView), source: 'leyr' };
    } catch (error) {
      if (!isOutOfReach(error)) throw error;
      const found = store.patients.searchByName(accountId, words, SEARCH_LIMIT);
      audit('name', found.length, 'store');
      return { patients: found.map(patientView), source: 'store' };
    }
  }

  return {
    search: ({ query }) => (/^[\d\s+-]+$/.test(query) ? byPersonalNumber(query) : byName(query)),
    async create(arg) {
      const number = personalNumber('personalNumber', arg.personalNumber);
      // Leyr's create is idempotent on the personal number: asking twice returns one patient.
      const created = patientRecord(
        await api.createPatient({ first_name: arg.firstName, last_name: arg.lastName, external_id: number, phones: arg.phone === undefined ? [] : [arg.phone], emails: arg.email === undefined ? [] : [arg.email] }),
      );
      const patient = { ...created, externalId: created.externalId ?? number };
      const at = ctx.nowIso();
      store.transaction(() => {
        store.patients.upsert(accountId, [patient], ctx.today());
        store.audit.write({ accountId, at, actor, action: 'patient.created', outcome: 'applied', detail: `patient ${patient.id}` });
      });
      return patientView(patient);
    },
    async namesOf(date) {
      const ids = store.days
        .dayView(accountId, date)
        .map((row) => row.patientId)
        .filter((id): id is string => id !== null);
      return (await names.ensure(accountId, ids, ctx.today())) > 0;
    },
    dispose() {
      closed = true;
    },
  };
}
