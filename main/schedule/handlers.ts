// The schedule's part of the contract: each call handed to the service, its value the
// call's Result. A failure (a Refusal, Leyr's answer, the store, the keychain in account
// mode) escapes as the Failure it is; the router says it to the renderer (main/errors/failure.ts).
import { ok } from '../../preload/contract/index.ts';
import type { Handlers } from '../ipc/router.ts';
import type { ScheduleService } from './service.ts';

export type ScheduleCallName =
  | 'openDay'
  | 'refreshDay'
  | 'windowActivity'
  | 'showingResources'
  | 'moveAppointment'
  | 'cancelAppointments'
  | 'moveAppointmentsToResource'
  | 'rescheduleContinuous'
  | 'searchPatients'
  | 'createPatient'
  | 'bookAppointment'
  | 'confirmAppointment'
  | 'listChanges'
  | 'retryChange'
  | 'dismissChange'
  | 'getConnectivity'
  // — first free time —
  | 'findFreeTimes'
  // — find —
  | 'findPatientAppointments'
  // — rebook —
  | 'proposeRebook'
  // — comments and printing —
  | 'editComment'
  | 'readDaysForPrint'
  // — week —
  | 'openWeek'
  | 'readWeek'
  // — undo —
  | 'undoChanges';

export function scheduleHandlers(service: ScheduleService): Pick<Handlers, ScheduleCallName> {
  return {
    openDay: async (arg) => ok(service.openDay(arg.date)),
    refreshDay: async (arg) => ok(await service.refreshDay(arg.date)),
    windowActivity: async (arg) => {
      service.windowActivity(arg.active);
      return ok(null);
    },
    showingResources: async (arg) => {
      service.showingResources(arg.date, arg.resourceIds);
      return ok(null);
    },
    moveAppointment: async (arg) => ok(service.moveAppointment(arg)),
    cancelAppointments: async (arg) => ok(service.cancelAppointments(arg)),
    moveAppointmentsToResource: async (arg) => ok(service.moveAppointmentsToResource(arg)),
    rescheduleContinuous: async (arg) => ok(service.rescheduleContinuous(arg)),
    searchPatients: async (arg) => ok(await service.searchPatients(arg)),
    createPatient: async (arg) => ok(await service.createPatient(arg)),
    bookAppointment: async (arg) => ok(service.bookAppointment(arg)),
    confirmAppointment: async (arg) => ok(service.confirmAppointment(arg)),
    listChanges: async () => ok(service.listChanges()),
    retryChange: async (arg) => ok(service.retryChange(arg.changeId)),
    dismissChange: async (arg) => {
      service.dismissChange(arg.changeId);
      return ok(null);
    },
    getConnectivity: async () => ok(service.connectivity()),
    // — first free time —
    findFreeTimes: async (arg) => ok(await service.findFreeTimes(arg)),
    // — find —
    findPatientAppointments: async (arg) => ok(await service.findPatientAppointments(arg)),
    // — rebook —
    proposeRebook: async (arg) => ok(await service.proposeRebook(arg)),
    // — comments and printing —
    editComment: async (arg) => ok(service.editComment(arg)),
    readDaysForPrint: async (arg) => ok(await service.readDaysForPrint(arg)),
    // — week —
    openWeek: async (arg) => ok(service.openWeek(arg)),
    readWeek: async (arg) => ok(service.readWeek(arg)),
    // — undo —
    undoChanges: async (arg) => ok(service.undoChanges(arg)),
  };
}
