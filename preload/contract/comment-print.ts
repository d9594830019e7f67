// Comments and printing (issue 14): editing an appointment's comment after booking, and the
// days a printout lists (a day of all or chosen resources, or a resource's week).
import { z } from 'zod';
import { commentArg, dateArg, idArg, seenArg, type AppointmentView, type ResourceView, type ServiceView } from './schedule.ts';

/**
 * A new comment for one booked appointment (Leyr's PATCH with `{comment}` only). Empty
 * clears it. The EHR keeps one comment: a cancel's reason later replaces it.
 */
export const editCommentArg = z.strictObject({ appointmentId: idArg, comment: commentArg, seen: seenArg.optional() });

/** The longest printout: a week of days. */
export const PRINT_MAX_DAYS = 7;

export const readDaysForPrintArg = z.strictObject({
  /** The first day (YYYY-MM-DD in the care unit's zone). */
  from: dateArg,
  days: z.number().int().min(1, 'must be at least 1').max(PRINT_MAX_DAYS, `may be at most ${PRINT_MAX_DAYS}`),
  /** The resources to list; all of the clinic's when absent. */
  resourceIds: z.array(idArg).max(500, 'may name at most 500 resources').optional(),
  /** The receptionist chose to show personal numbers; masked otherwise. */
  showPersonalNumbers: z.boolean(),
});

/** One day of a printout: the chosen resources' appointments, cancelled ones left out. */
export interface PrintDay {
  date: string;
  /** When the day was last fetched from Leyr; null when never. */
  fetchedAt: string | null;
  /** Leyr could not be asked for a fresh copy: the stored one is printed (say so on paper). */
  stale: boolean;
  appointments: AppointmentView[];
}

/**
 * The desktop app prints through main (Electron's webContents): `printSheet` opens the system
 * print dialog for what the window shows on paper, `saveSheetAsPdf` asks where to save and
 * writes the PDF. The web host has neither (REJECTED): the browser's own print does both.
 */
export const printSheetArg = z.undefined();
export const saveSheetAsPdfArg = z.strictObject({
  /** The file name offered in the save dialog, without folder or extension. */
  fileName: z
    .string()
    .min(1, 'must not be empty')
    .max(120, 'may be at most 120 characters')
    .regex(/^[^/\\:*?"<>|]+$/, 'may not hold / \\ : * ? " < > |'),
});
/** Where the PDF went: false when the receptionist cancelled the save dialog. */
export interface SavedPdf {
  saved: boolean;
}

export interface PrintDays {
  careUnitName: string | null;
  zone: string;
  /** The resources listed, in the clinic's order. */
  resources: ResourceView[];
  services: ServiceView[];
  days: PrintDay[];
  /**
   * Patient id → personal number as printed: in full only when asked for, masked otherwise
   * (`19121212-****`); absent when the patient's number is not known on this computer.
   */
  personalNumbers: Record<string, string>;
}
