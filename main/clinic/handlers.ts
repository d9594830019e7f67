// The contract's handlers for the settings calls, and for the schedule calls of whichever
// clinic runs at the moment of the call (a call that arrives during a switch waits for it).
// Each handler answers `ok(value)`; a Failure escapes to the router, which says it.
import { ok, type Result } from '../../preload/contract/index.ts';
import type { Handlers } from '../ipc/router.ts';
import { scheduleHandlers, type ScheduleCallName } from '../schedule/handlers.ts';
import type { ScheduleService } from '../schedule/service.ts';
import type { SettingsService } from './settings-service.ts';
import type { ClinicSwitcher } from './switcher.ts';

export type SettingsCallName = 'getSettings' | 'saveCredentials' | 'testConnection' | 'chooseCareUnit' | 'useDemo' | 'removeSecret' | 'signOut' | 'updatePreferences';

export function settingsHandlers(service: SettingsService): Pick<Handlers, SettingsCallName> {
  return {
    getSettings: async (arg) => ok(await service.getSettings(arg)),
    saveCredentials: async (arg) => ok(await service.saveCredentials(arg)),
    testConnection: async () => ok(await service.testConnection()),
    chooseCareUnit: async (arg) => ok(await service.chooseCareUnit(arg)),
    useDemo: async () => ok(await service.useDemo()),
    removeSecret: async () => ok(await service.removeSecret()),
    signOut: async (arg) => ok(await service.signOut(arg)),
    updatePreferences: async (arg) => ok(await service.updatePreferences(arg)),
  };
}

type AnyHandler = (arg: unknown) => Promise<Result<unknown>> | Result<unknown>;

export function currentScheduleHandlers(switcher: ClinicSwitcher): Pick<Handlers, ScheduleCallName> {
  const built = new WeakMap<ScheduleService, Record<string, AnyHandler>>();
  const handlersOf = (service: ScheduleService): Record<string, AnyHandler> => {
    let handlers = built.get(service);
    if (handlers === undefined) {
      handlers = scheduleHandlers(service) as unknown as Record<string, AnyHandler>;
      built.set(service, handlers);
    }
    return handlers;
  };
  const delegating: Record<string, AnyHandler> = {};
  for (const name of Object.keys(handlersOf(switcher.current().schedule))) {
    delegating[name] = async (arg) => {
      const handler = handlersOf(await switcher.schedule())[name];
      if (handler === undefined) throw new Error(`no schedule handler for ${name}`);
      return handler(arg);
    };
  }
  // The router has validated each argument against the contract before it gets here.
  return delegating as unknown as Pick<Handlers, ScheduleCallName>;
}
