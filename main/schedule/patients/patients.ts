// Patients: search at Leyr (the store's copy while Leyr is out of reach), creation, and the
// names the day view shows (patient-names.ts).
//
// Ids per EHR (preload/contract/patient-ids.ts, from Leyr's patient-id guide): the search takes
// a name, a Swedish personal or coordination number, a Norwegian fødselsnummer or D-number, or
// an EHR id, each only where the care unit's EHR takes that type; a type it cannot take is
// refused in plain words before anything is sent. A number is looked up with Leyr's typed id
// (`se_personal_number:…`, `no_personal_number:…`), which finds the patient even where Leyr's
// patients carry no `external_id`.
//
// Creation: the personal number's type must be one the EHR registers, and Anita Systems needs a
// phone (its codes go out by SMS), both checked before sending. Leyr's create is idempotent:
// for a patient already registered under that number it answers that patient, maybe under
// another name. That is said (`existing`), never passed off as "created": where the EHR takes
// personal-number lookups the number is looked up first; elsewhere the answer is compared with
// what was sent (another name, or a patient this computer already knew, is an existing one).
// Whether Leyr answered 200 or 201 is not relied on (undocumented).
import {
  createRefusal,
  lookupRefusal,
  parseNationalNumber,
  personalNumberTypesOnCreate,
  phoneRequiredOnCreate,
  readPatientSearchQuery,
  takesPatientIdType,
  type NationalIdType,
  type PatientId,
} from '../../../preload/contract/patient-ids.ts';
import type { CallParsedArg, PatientCreation, PatientSearchResult, PatientView } from '../../../preload/contract/index.ts';
import { invalidArgument, Refusal } from '../../errors/failure.ts';
import type { IDisposable } from '../../lifecycle/disposable.ts';
import type { LeyrApi, Patient } from '../../leyr/api.ts';
import { LeyrError } from '../../leyr/errors.ts';
import type { PatientRecord } from '../../store/records.ts';
import type { ScheduleContext } from '../common/context.ts';
import { isOutOfReach } from '../common/out-of-reach.ts';
import { patientRecord } from '../common/leyr-records.ts';
import { createPatientNames } from './patient-names.ts';

export interface Patients extends IDisposable {
  search(arg: CallParsedArg<'searchPatients'>): Promise<PatientSearchResult>;
  create(arg: CallParsedArg<'createPatient'>): Promise<PatientCreation>;
  /**
   * Fetches the names of a day's patients that the store lacks, the day's columns in order
   * (`ahead`: a day fetched ahead, after every open day's); true when any was stored. Old
   * names are refreshed in the background after.
   */
  namesOf(date: string, ahead?: boolean): Promise<boolean>;
  /** The window draws these columns of `date`: their names go first. */
  showing(date: string, resourceIds: readonly string[]): void;
}

const SEARCH_LIMIT = 50;

const patientView = (p: PatientRecord): PatientView => ({ id: p.id, emrId: p.emrId, firstName: p.firstName, lastName: p.lastName, personalNumber: p.externalId });

// Leyr answers an unknown patient id with 400 INVALID_PATIENT_ID (a 404 from a proxy means
// the same). Any other refusal (credentials, a wait Leyr asked for, an EHR that cannot look
// patients up this way) is not "nobody found": it is the call's error, in plain words.
const isUnknownPatient = (error: unknown): boolean =>
  error instanceof LeyrError && error.kind === 'http' && !error.heldByGate && (error.status === 404 || (error.status === 400 && error.errorCodes.includes('INVALID_PATIENT_ID')));

/** A refusal of the app's own, in plain words, naming the field. */
const refused = (path: string, message: string): Refusal => new Refusal('INVALID_ARGUMENT', message, [{ path, message }]);

const TYPE_WORDS: Record<PatientId['type'], string> = { emr_id: 'EHR id', se_personal_number: 'personal number', no_personal_number: 'personal number' };

/** Names compared as a receptionist would: case and spacing aside. */
const sameName = (a: string | null, b: string): boolean => a !== null && a.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv') === b.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');

export function createPatients(options: { ctx: ScheduleContext; api: LeyrApi; nameConcurrency: number; onNames?: (dates: readonly string[]) => void }): Patients {
  const { ctx, api } = options;
  const { store, accountId, actor } = ctx;
  const names = createPatientNames({
    api,
    patients: store.patients,
    accountId,
    log: ctx.log,
    today: ctx.today,
    maxConcurrency: options.nameConcurrency,
    onNames: (dates) => options.onNames?.(dates),
  });
  const audit = (how: string, count: number, source: 'leyr' | 'store'): void =>
    store.audit.write({ accountId, at: ctx.nowIso(), actor, action: 'patient.searched', outcome: source, detail: `by ${how}: ${count} found` });

  /** The patient as kept: a national number that found them is theirs, where Leyr gives none. */
  const keep = (patient: Patient, number: string | null): PatientRecord => {
    const record = patientRecord(patient);
    return { ...record, externalId: record.externalId ?? number };
  };

  async function byId(id: PatientId): Promise<PatientSearchResult> {
    const how = TYPE_WORDS[id.type];
    const number = id.type === 'emr_id' ? null : id.value;
    try {
      const patient = keep(await api.getPatient(id.leyrId), number);
      store.patients.upsert(accountId, [patient], ctx.today());
      audit(how, 1, 'leyr');
      return { patients: [patientView(patient)], source: 'leyr' };
    } catch (error) {
      if (isUnknownPatient(error)) {
        audit(how, 0, 'leyr');
        return { patients: [], source: 'leyr' };
      }
      if (!isOutOfReach(error)) throw error;
      const found = number !== null ? store.patients.byExternalId(accountId, number) : [store.patients.get(accountId, id.value)].filter((p): p is PatientRecord => p !== null);
      audit(how, found.length, 'store');
      return { patients: found.map(patientView), source: 'store' };
    }
  }

  async function byName(words: readonly string[]): Promise<PatientSearchResult> {
    const [head = '', ...rest] = words;
    const tail = rest.join(' ');
    const searches = rest.length === 0 ? [{ first_name: head }, { last_name: head }] : [{ first_name: head, last_name: tail }, { first_name: tail, last_name: head }];
    try {
      const results = await Promise.all(searches.map((q) => api.searchPatients(q)));
      const byKey = new Map<string, PatientRecord>();
      for (const patient of results.flat()) if (!byKey.has(patient.id)) byKey.set(patient.id, patientRecord(patient));
      const patients = [...byKey.values()]
        .sort((a, b) => (a.lastName ?? '').localeCompare(b.lastName ?? '', 'sv') || (a.firstName ?? '').localeCompare(b.firstName ?? '', 'sv') || a.id.localeCompare(b.id))
        .slice(0, SEARCH_LIMIT);
      // A personal number learnt earlier (a search by number) is not forgotten because a name search gives none.
      const kept = patients.map((p) => (p.externalId !== null ? p : { ...p, externalId: store.patients.get(accountId, p.id)?.externalId ?? null }));
      store.patients.upsert(accountId, kept, ctx.today());
      audit('name', kept.length, 'leyr');
      return { patients: kept.map(patientView), source: 'leyr' };
    } catch (error) {
      if (!isOutOfReach(error)) throw error;
      const found = store.patients.searchByName(accountId, [...words], SEARCH_LIMIT);
      audit('name', found.length, 'store');
      return { patients: found.map(patientView), source: 'store' };
    }
  }

  async function search({ query }: CallParsedArg<'searchPatients'>): Promise<PatientSearchResult> {
    const read = readPatientSearchQuery(query);
    if (read.kind === 'invalid') throw invalidArgument('query', read.message);
    if (read.kind === 'name') return byName(read.words);
    const { type } = read.id;
    if (type !== 'emr_id' && !takesPatientIdType(ctx.emr, type)) throw refused('query', `${lookupRefusal(ctx.emr, type)}.`);
    return byId(read.id);
  }

  /** The patient registered under a national number, where the EHR looks them up so; null when none is, or it cannot tell. */
  async function registered(type: NationalIdType, number: string): Promise<Patient | null> {
    if (!takesPatientIdType(ctx.emr, type)) return null;
    try {
      return await api.getPatient(`${type}:${number}`);
    } catch (error) {
      if (isUnknownPatient(error)) return null;
      throw error;
    }
  }

  async function create(arg: CallParsedArg<'createPatient'>): Promise<PatientCreation> {
    const national = parseNationalNumber(arg.personalNumber);
    if (national === null) throw invalidArgument('personalNumber', 'not a valid Swedish or Norwegian personal number');
    if (!personalNumberTypesOnCreate(ctx.emr).includes(national.type)) throw refused('personalNumber', `${createRefusal(ctx.emr, national.type)}.`);
    if (phoneRequiredOnCreate(ctx.emr) && (arg.phone === undefined || arg.phone.trim() === '')) {
      throw refused('phone', "Anita Systems texts the patient their codes: give the patient's mobile phone number.");
    }
    const number = national.value;
    let answer = await registered(national.type, number);
    let existing = answer !== null;
    if (answer === null) {
      const knownBefore = new Set(store.patients.byExternalId(accountId, number).map((p) => p.id));
      answer = await api.createPatient({
        first_name: arg.firstName,
        last_name: arg.lastName,
        external_id: number,
        phones: arg.phone === undefined ? [] : [arg.phone],
        emails: arg.email === undefined ? [] : [arg.email],
      });
      // Leyr's create is idempotent on the number: a patient under another name, or one this
      // computer already knew by it, was there before.
      const renamed = (answer.first_name !== null && !sameName(answer.first_name, arg.firstName)) || (answer.last_name !== null && !sameName(answer.last_name, arg.lastName));
      existing = renamed || knownBefore.has(answer.id);
    }
    const patient = keep(answer, number);
    const at = ctx.nowIso();
    store.transaction(() => {
      store.patients.upsert(accountId, [patient], ctx.today());
      store.audit.write({ accountId, at, actor, action: existing ? 'patient.existing' : 'patient.created', outcome: 'applied', detail: `patient ${patient.id}` });
    });
    return { patient: patientView(patient), existing };
  }

  return {
    search,
    create,
    async namesOf(date, ahead = false) {
      if (!store.isOpen()) return false;
      // Column by column, as the grid draws them (its first columns are on screen first).
      const column = new Map(store.days.resources(accountId).map((r, index) => [r.id, index]));
      const rows = store.days.dayView(accountId, date).filter((row) => row.patientId !== null);
      const place = (resourceId: string | null): number => (resourceId === null ? Number.MAX_SAFE_INTEGER : (column.get(resourceId) ?? Number.MAX_SAFE_INTEGER - 1));
      rows.sort((a, b) => place(a.resourceId) - place(b.resourceId)); // stable: by start within a column
      const demands = rows.map((row) => ({ patientId: row.patientId as string, resourceId: row.resourceId }));
      return (await names.want(date, demands, ahead ? 'ahead' : 'open')) > 0;
    },
    showing: (date, resourceIds) => names.showing(date, resourceIds),
    dispose() {
      names.dispose();
    },
  };
}
