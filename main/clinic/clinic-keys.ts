// The clinic key: what names one clinic's cached data in the local store (the store's
// per-clinic row, `ScheduleAccount.key` in main/schedule). The Leyr address is part of the
// key: another Leyr is another set of cached data. The client id is not: new credentials for
// the same clinic find its queued changes again.
import { checkBaseUrl } from '../leyr/client.ts';

/** Prefix of the keys of every care unit of one EHR at one Leyr (what signing out erases). */
export const leyrKeyPrefix = (baseUrl: string, emr: string): string => `leyr:${checkBaseUrl(baseUrl)}:${emr}:`;

export const leyrClinicKey = (baseUrl: string, emr: string, careUnitId: string): string => `${leyrKeyPrefix(baseUrl, emr)}${careUnitId}`;

export const DEMO_KEY_PREFIX = 'demo:';

/**
 * The demo clinic's key, whatever port its sandbox got this time; a clinic from a seed file
 * (`variant`: the file's name) is another one.
 */
export const demoClinicKey = (emr: string, careUnitId: string, variant: string | null): string =>
  `${DEMO_KEY_PREFIX}${emr}:${careUnitId}${variant === null ? '' : `:${variant}`}`;

export const isDemoClinicKey = (key: string): boolean => key.startsWith(DEMO_KEY_PREFIX);
