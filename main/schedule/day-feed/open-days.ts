// The days the window has opened lately, newest first: they get snapshots pushed and
// background refreshes. A few are kept (switching back and forth between days is common).
// While the week view is shown, its days are all "on screen": each is pushed and refreshed.

export class OpenDays {
  readonly #max: number;
  #days: string[] = [];
  #week: string[] = [];

  constructor(max: number) {
    this.#max = max;
  }

  remember(date: string): void {
    this.#days = [date, ...this.#days.filter((d) => d !== date)].slice(0, this.#max);
  }

  /** The week view shows these days (in order) until a day is opened again. */
  showWeek(dates: readonly string[]): void {
    this.#week = [...dates];
  }

  /** A single day is shown again: the week's days are no longer kept current. */
  leaveWeek(): void {
    this.#week = [];
  }

  has(date: string): boolean {
    return this.#days.includes(date) || this.#week.includes(date);
  }

  /** The day the window shows now (the week's first day while a week is shown). */
  newest(): string | undefined {
    return this.#week[0] ?? this.#days[0];
  }

  /** The days on screen now: the week's, or the open day alone. */
  shown(): readonly string[] {
    if (this.#week.length > 0) return this.#week;
    return this.#days.slice(0, 1);
  }

  /** Whether exactly these days are the week shown now. */
  showsWeek(dates: readonly string[]): boolean {
    return this.#week.length === dates.length && dates.every((date, i) => this.#week[i] === date);
  }

  all(): readonly string[] {
    return [...new Set([...this.#days, ...this.#week])];
  }
}
