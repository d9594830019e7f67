// What a host (the Electron shell, the web host) serves: the contract's handlers behind the
// router, and the events it forwards. main/app's MainServices is one; tests hand in fakes.
import type { EventBus } from '../events/bus.ts';
import type { Handlers } from './router.ts';

export interface HostedServices {
  handlers: Handlers;
  bus: Pick<EventBus, 'subscribe'>;
}
