// After a booking, Leyr names the appointment and may answer `awaiting_confirmation` (Anita
// Systems and others): then the code entry opens by itself, once. Found by what was booked
// (patient, resource, start), since the app's local id is replaced by Leyr's.
import type { AppointmentView } from '../../../preload/contract/index.ts';
import type { Operation } from './operation-results.ts';

const isLocal = (id: string): boolean => id.startsWith('local:');

export function bookedAppointment(operation: Operation, appointments: Iterable<AppointmentView>): AppointmentView | null {
  const booking = operation.booking;
  if (booking === undefined) return null;
  const startMs = Date.parse(booking.start);
  for (const view of appointments) {
    if (isLocal(view.id) || view.status === 'cancelled') continue;
    if (view.patientId === booking.patientId && view.resourceId === booking.resourceId && Date.parse(view.start) === startMs) return view;
  }
  return null;
}
