// A pause until the event loop has served what waits (I/O, the window's calls). A big day's
// refresh is several pieces of work of tens of milliseconds each (reading Leyr's lists,
// writing them, choosing the names to fetch); run back to back they hold main for a quarter
// of a second, and a receptionist's call that arrives meanwhile waits that long. Between the
// pieces, main answers it.
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
