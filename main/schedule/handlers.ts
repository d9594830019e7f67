// The schedule's part of the contract: each call handed to the service, each outcome a
// Result. A call the service turns down (unknown appointment, bad personal number) and a
// Leyr failure become typed errors; anything else is a bug, left to the router.
import { ok, type Result } from '../../preload/contract/index.ts';
import type { Handlers } from '../ipc/router.ts';
import type { ScheduleService } from './service.ts';

export type ScheduleCallName =
  | 'openDay'
  | 'refreshDay'
  | 'windowFocused'
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
  | 'getConnectivity';

// A failure (a Refusal, Leyr's answer, the keychain in account mode) escapes as the typed
// error it is; the router says it to the renderer (main/errors/failure.ts).
const answer = async <T>(work: () => T | Promise<T>): Promise<Result<T>> => ok(await work());

export function scheduleHandlers(service: ScheduleService): Pick<Handlers, ScheduleCallName> {
  return {
    openDay: (arg) => answer(() => service.openDay(arg.date)),
    refreshDay: (arg) => answer(() => service.refreshDay(arg.date)),
    windowFocused: () =>
      answer(() => {
        service.windowFocused();
        return null;
      }),
    moveAppointment: (arg) => answer(() => service.moveAppointment(arg)),
    cancelAppointments: (arg) => answer(() => service.cancelAppointments(arg)),
    moveAppointmentsToResource: (arg) => answer(() => service.moveAppointmentsToResource(arg)),
    rescheduleContinuous: (arg) => answer(() => service.rescheduleContinuous(arg)),
    searchPatients: (arg) => answer(() => service.searchPatients(arg)),
    createPatient: (arg) => answer(() => service.createPatient(arg)),
    bookAppointment: (arg) => answer(() => service.bookAppointment(arg)),
    confirmAppointment: (arg) => answer(() => service.confirmAppointment(arg)),
    listChanges: () => answer(() => service.listChanges()),
    retryChange: (arg) => answer(() => service.retryChange(arg.changeId)),
    dismissChange: (arg) =>
      answer(() => {
        service.dismissChange(arg.changeId);
        return null;
      }),
    getConnectivity: () => answer(() => service.connectivity()),
  };
}

