// The names of every call and event, as plain lists: all the sandboxed preload needs to
// expose one method per call. No schemas here, so the preload bundle carries no zod; calls.ts
// and events.ts fail to compile when these lists and the declarations disagree.

export const CALL_NAMES = [
  'getAppInfo',
  'getUpdateStatus',
  'checkForUpdates',
  'restartToUpdate',
  'setUiBusy',
  'openDay',
  'refreshDay',
  'windowActivity',
  'showingResources',
  'moveAppointment',
  'cancelAppointments',
  'moveAppointmentsToResource',
  'rescheduleContinuous',
  'searchPatients',
  'createPatient',
  'bookAppointment',
  'confirmAppointment',
  'listChanges',
  'retryChange',
  'dismissChange',
  'getConnectivity',
  'getSettings',
  'saveCredentials',
  'testConnection',
  'chooseCareUnit',
  'useDemo',
  'removeSecret',
  'signOut',
  'updatePreferences',
  'getSalvage',
  'sendSalvagedChanges',
  'discardSalvagedChanges',
  // — first free time —
  'findFreeTimes',
  // — find —
  'findPatientAppointments',
  // — rebook —
  'proposeRebook',
  // — comments and printing —
  'editComment',
  'readDaysForPrint',
  'printSheet',
  'saveSheetAsPdf',
  // — week —
  'openWeek',
  'readWeek',
  // — undo —
  'undoChanges',
] as const;
export type CallName = (typeof CALL_NAMES)[number];

export const EVENT_NAMES = [
  'notice',
  'update.status',
  'day.snapshot',
  'change.status',
  'connectivity',
  'settings.changed',
  'mode.changed',
  'salvage.changed',
  'bridge',
  // — menus —
  'menu.command',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];
