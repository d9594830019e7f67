// Past days leave the store: patient data is kept no longer than the day view needs it.
import type { Database } from '../database.ts';

export interface Forgetting {
  /**
   * Forgets days before `date` (their slots and appointments, except appointments a pending
   * change still shows), and patients fetched before it whom no kept appointment names.
   * Answers how many appointments and patients were forgotten.
   */
  forgetBefore(accountId: number, date: string): { appointments: number; patients: number };
}

export function createForgetting({ db, transaction }: Database): Forgetting {
  const forgetTimeslots = db.prepare('DELETE FROM timeslots WHERE account_id = ? AND date < ?');
  const forgetDays = db.prepare('DELETE FROM days WHERE account_id = ? AND date < ?');
  const forgetAppointments = db.prepare(`
    DELETE FROM appointments WHERE account_id = :account AND date < :date
       AND NOT EXISTS (SELECT 1 FROM appointment_overlay o WHERE o.account_id = appointments.account_id AND o.id = appointments.id)`);
  const forgetPatients = db.prepare(`
    DELETE FROM patients WHERE account_id = :account AND fetched_on < :date
       AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.account_id = patients.account_id AND a.patient_id = patients.id)
       AND NOT EXISTS (SELECT 1 FROM appointment_overlay o WHERE o.account_id = patients.account_id AND o.patient_id = patients.id)`);
  // A closed two-step cancel's record is kept to keep it out of its day's listings; once its
  // appointment has been forgotten too, so is it. A waiting one stays until it settles.
  const forgetRecords = db.prepare(`
    DELETE FROM cancellation_records WHERE account_id = :account AND closed_at IS NOT NULL AND closed_at < :date
       AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.account_id = cancellation_records.account_id AND a.id = cancellation_records.appointment_id)
       AND NOT EXISTS (SELECT 1 FROM appointment_overlay o WHERE o.account_id = cancellation_records.account_id AND o.id = cancellation_records.appointment_id)`);

  return {
    forgetBefore(accountId, date) {
      return transaction(() => {
        forgetTimeslots.run(accountId, date);
        forgetDays.run(accountId, date);
        const appointments = Number(forgetAppointments.run({ account: accountId, date }).changes);
        const patients = Number(forgetPatients.run({ account: accountId, date }).changes);
        forgetRecords.run({ account: accountId, date });
        return { appointments, patients };
      });
    },
  };
}
