// The days the window has opened lately, newest first: they get snapshots pushed and
// background refreshes. A few are kept (switching back and forth between days is common).

export class OpenDays {
  readonly #max: number;
  #days: string[] = [];

  constructor(max: number) {
    this.#max = max;
  }

  remember(date: string): void {
    this.#days = [date, ...this.#days.filter((d) => d !== date)].slice(0, this.#max);
  }

  has(date: string): boolean {
    return this.#days.includes(date);
  }

  /** The day the window shows now. */
  newest(): string | undefined {
    return this.#days[0];
  }

  all(): readonly string[] {
    return this.#days;
  }
}
