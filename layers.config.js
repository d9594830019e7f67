// The layers of the code and which may import which: the one source of the rule that
// eslint.config.js enforces (eslint-plugin-boundaries) and docs/architecture.md explains.
// Each entry is an element: a folder with a type (the first pattern that matches a file's
// folder wins, so a folder's sub-folders come before it); `may` lists the element types it
// may import besides its own. Anything not allowed is a lint error.
//
// Why eslint-plugin-boundaries: it resolves every import to the file it names and classifies
// both ends by these patterns, so `../../app/x.ts` and `main/app/x.ts` are the same edge and
// a new file in a folder is covered without touching the config. Plain no-restricted-imports
// matches import strings, which breaks as soon as a file moves one folder deeper.

const SCHEDULE_BELOW = ['contract', 'main-foundation', 'main-leyr', 'main-store', 'main-secrets', 'main-events', 'main-ipc'];
const SCHEDULE_JOB = [...SCHEDULE_BELOW, 'main-schedule-common', 'main-schedule-changes'];

/** @type {{ type: string, pattern: string, may: string[] }[]} */
export const LAYERS = [
  // The contract: pure, the bottom of everything. zod, luxon and its own rules only.
  { type: 'contract', pattern: 'preload/contract/**', may: [] },
  // The preload and the web bridge: channel names and results of the contract, nothing else.
  { type: 'preload', pattern: 'preload', may: ['contract'] },

  // main, bottom to top.
  { type: 'main-foundation', pattern: 'main/{log,errors,lifecycle}/**', may: ['contract'] },
  { type: 'main-leyr', pattern: 'main/leyr/**', may: ['contract', 'main-foundation'] },
  { type: 'main-store', pattern: 'main/store/**', may: ['contract', 'main-foundation'] },
  { type: 'main-secrets', pattern: 'main/secrets/**', may: ['contract', 'main-foundation'] },
  { type: 'main-settings', pattern: 'main/settings/**', may: ['contract', 'main-foundation'] },
  { type: 'main-events', pattern: 'main/events/**', may: ['contract', 'main-foundation'] },
  { type: 'main-helpers', pattern: 'main/{cli,static}/**', may: ['contract', 'main-foundation'] },
  { type: 'main-ipc', pattern: 'main/ipc/**', may: ['contract', 'main-foundation', 'main-events'] },
  { type: 'main-sandbox', pattern: 'main/sandbox/**', may: ['contract', 'main-foundation', 'main-leyr', 'main-helpers'] },
  { type: 'main-updater', pattern: 'main/updater/**', may: ['contract', 'main-foundation', 'main-events'] },
  // The schedule service, split by job (docs/architecture.md): its common pieces, the change
  // kinds, the jobs (which never import each other), and the facade on top.
  { type: 'main-schedule-common', pattern: 'main/schedule/common/**', may: [...SCHEDULE_BELOW] },
  { type: 'main-schedule-changes', pattern: 'main/schedule/changes/**', may: [...SCHEDULE_BELOW, 'main-schedule-common'] },
  { type: 'main-schedule-day-feed', pattern: 'main/schedule/day-feed/**', may: SCHEDULE_JOB },
  { type: 'main-schedule-change-queue', pattern: 'main/schedule/change-queue/**', may: SCHEDULE_JOB },
  { type: 'main-schedule-patients', pattern: 'main/schedule/patients/**', may: SCHEDULE_JOB },
  { type: 'main-schedule-connectivity', pattern: 'main/schedule/connectivity/**', may: SCHEDULE_JOB },
  { type: 'main-schedule-free-time', pattern: 'main/schedule/free-time/**', may: SCHEDULE_JOB },
  { type: 'main-schedule-find', pattern: 'main/schedule/find/**', may: SCHEDULE_JOB },
  { type: 'main-schedule-rebook', pattern: 'main/schedule/rebook/**', may: SCHEDULE_JOB },
  {
    type: 'main-schedule',
    pattern: 'main/schedule',
    may: [...SCHEDULE_JOB, 'main-schedule-day-feed', 'main-schedule-change-queue', 'main-schedule-patients', 'main-schedule-connectivity', 'main-schedule-free-time', 'main-schedule-find', 'main-schedule-rebook'],
  },
  {
    type: 'main-clinic',
    pattern: 'main/clinic/**',
    may: ['contract', 'main-foundation', 'main-leyr', 'main-store', 'main-secrets', 'main-settings', 'main-events', 'main-ipc', 'main-schedule', 'main-updater'],
  },
  { type: 'main-electron', pattern: 'main/electron/**', may: ['contract', 'main-foundation', 'main-events', 'main-ipc', 'main-helpers', 'main-updater'] },
  { type: 'main-webhost', pattern: 'main/webhost/**', may: ['contract', 'main-foundation', 'main-ipc', 'main-helpers'] },
  // The composition root: may import every folder of main, and no folder imports it.
  {
    type: 'main-app',
    pattern: 'main/app/**',
    may: ['contract', 'main-foundation', 'main-leyr', 'main-store', 'main-secrets', 'main-settings', 'main-events', 'main-helpers', 'main-ipc', 'main-sandbox', 'main-updater', 'main-schedule', 'main-clinic', 'main-electron', 'main-webhost'],
  },

  // The renderer, bottom to top; every part may use the contract's types.
  { type: 'renderer-i18n', pattern: 'renderer/i18n/**', may: ['contract'] },
  { type: 'renderer-common', pattern: 'renderer/common/**', may: ['contract', 'renderer-i18n'] },
  { type: 'renderer-patients', pattern: 'renderer/patients/**', may: ['contract', 'renderer-i18n', 'renderer-common'] },
  { type: 'renderer-day-model', pattern: 'renderer/day/model/**', may: ['contract', 'renderer-i18n', 'renderer-common', 'renderer-patients'] },
  { type: 'renderer-day-state', pattern: 'renderer/day/state/**', may: ['contract', 'renderer-i18n', 'renderer-common', 'renderer-patients', 'renderer-day-model'] },
  { type: 'renderer-day-grid', pattern: 'renderer/day/grid/**', may: ['contract', 'renderer-i18n', 'renderer-common', 'renderer-patients', 'renderer-day-model', 'renderer-day-state'] },
  { type: 'renderer-day-dialogs', pattern: 'renderer/day/dialogs/**', may: ['contract', 'renderer-i18n', 'renderer-common', 'renderer-patients', 'renderer-day-model', 'renderer-day-state'] },
  {
    type: 'renderer-day',
    pattern: 'renderer/day',
    may: ['contract', 'renderer-i18n', 'renderer-common', 'renderer-patients', 'renderer-day-model', 'renderer-day-state', 'renderer-day-grid', 'renderer-day-dialogs', 'renderer-print'],
  },
  // — comments and printing — the print dialog and sheet (a dialog of the day, drawn outside the app).
  { type: 'renderer-print', pattern: 'renderer/print/**', may: ['contract', 'renderer-i18n', 'renderer-common', 'renderer-day-model', 'renderer-day-state'] },
  // The week view: the day's grid over a composition of days (renderer/week/week-compose.ts).
  {
    type: 'renderer-week',
    pattern: 'renderer/week/**',
    may: ['contract', 'renderer-i18n', 'renderer-common', 'renderer-patients', 'renderer-day-model', 'renderer-day-state', 'renderer-day-grid', 'renderer-day-dialogs', 'renderer-day'],
  },
  { type: 'renderer-settings', pattern: 'renderer/settings/**', may: ['contract', 'renderer-i18n', 'renderer-common', 'renderer-patients'] },
  // The updater's word in the window (banner, status store).
  { type: 'renderer-updates', pattern: 'renderer/updates/**', may: ['contract', 'renderer-i18n', 'renderer-common'] },
  {
    type: 'renderer-app',
    pattern: 'renderer/app/**',
    may: ['contract', 'renderer-i18n', 'renderer-common', 'renderer-patients', 'renderer-day-model', 'renderer-day-state', 'renderer-day-grid', 'renderer-day-dialogs', 'renderer-day', 'renderer-settings', 'renderer-updates', 'renderer-print', 'renderer-week'],
  },
  // The bundle's entry (renderer/main.tsx): the one file directly in renderer/.
  { type: 'renderer-entry', pattern: 'renderer', may: ['renderer-app', 'renderer-i18n'] },
];
