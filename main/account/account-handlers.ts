// The contract's handlers for the settings calls, and for the schedule calls of whichever
// clinic runs at the moment of the call (a call that arrives during a switch waits for it).
import type { Result } from '../../preload/contract/index.ts';
import type { Handlers } from '../ipc/router.ts';
import { scheduleHandlers, type ScheduleCallName } from '../schedule/handlers.ts';
import type { ScheduleService } from '../schedule/service.ts';
import type { AccountService } from './account-service.ts';
import type { ModeController } from './mode-controller.ts';

export type AccountCallName = 'getSettings' | 'saveCredentials' | 'testConnection' | 'chooseCareUnit' | 'useDemo' | 'removeSecret' | 'signOut' | 'updatePreferences';

export function accountHandlers(service: AccountService): Pick<Handlers, AccountCallName> {
  return {
    getSettings: (arg) => service.getSettings(arg),
    saveCredentials: (arg) => service.saveCredentials(arg),
    testConnection: () => service.testConnection(),
    chooseCareUnit: (arg) => service.chooseCareUnit(arg),
    useDemo: () => service.useDemo(),
    removeSecret: () => service.removeSecret(),
    signOut: (arg) => service.signOut(arg),
    updatePreferences: (arg) => service.updatePreferences(arg),
  };
}

type AnyHandler = (arg: unknown) => Promise<Result<unknown>> | Result<unknown>;

export function currentScheduleHandlers(controller: ModeController): Pick<Handlers, ScheduleCallName> {
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
  for (const name of Object.keys(handlersOf(controller.current().schedule))) {
    delegating[name] = async (arg) => {
      const handler = handlersOf(await controller.schedule())[name];
      if (handler === undefined) throw new Error(`no schedule handler for ${name}`);
      return handler(arg);
    };
  }
  // The router has validated each argument against the contract before it gets here.
  return delegating as unknown as Pick<Handlers, ScheduleCallName>;
}
