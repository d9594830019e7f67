// The one contract between renderer and main: every call (name, argument schema, result
// type) and every event main pushes, with the small rules they need. Main implements it, the
// preload and the web bridge expose it, the renderer consumes it; the compiler keeps the
// three in step. It stands at the bottom: it imports zod, luxon and its own rules, and
// nothing of main, preload or renderer (docs/architecture.md).
//
// Arguments carry a zod schema because the renderer is untrusted: main validates every
// argument before a service sees it. Results and event payloads are declared as types only
// (main is the trusted side), through phantom types (declare.ts).
//
// One file per feature; this index re-exports them for callers that need several. The
// sandboxed preload imports names.ts, channels.ts and results.ts directly, so its bundle
// carries no schemas.
export * from './api.ts';
export * from './app.ts';
export * from './calls.ts';
export * from './channels.ts';
export * from './comment-print.ts';
export * from './declare.ts';
export * from './events.ts';
export * from './free-time.ts';
export * from './find.ts';
export * from './look.ts';
export * from './menu.ts';
export * from './names.ts';
export * from './rebook.ts';
export * from './results.ts';
export * from './salvage.ts';
export * from './schedule.ts';
export * from './seen.ts';
export * from './settings.ts';
export * from './undo.ts';
export * from './updates.ts';
export * from './week.ts';
export * from './wire.ts';
