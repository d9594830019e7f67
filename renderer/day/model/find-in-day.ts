// The find box's first answer (issue 13): the open day's appointments whose patient's name
// matches what is typed, across every column, drawn or not (the grid draws only the columns
// near the viewport; this reads the day model, not the DOM). No IPC: it must be instant. Each
// word typed must begin a word of the name ("ann lin" finds Anna Lindqvist), case and accents
// as Swedish and Norwegian write them.
import type { DayModel } from './day-model.ts';

export interface DayMatch {
  id: string;
  startMs: number;
  /** The appointment's block is drawn (its column shown, not a hidden cancelled one). */
  shown: boolean;
}

/** At most this many matches are listed: a name typed to its second letter matches many. */
export const DAY_MATCH_LIMIT = 30;

const words = (text: string): string[] =>
  text
    .normalize('NFC')
    .toLocaleLowerCase('sv')
    .split(/[\s,.-]+/)
    .filter((word) => word !== '');

/** The words of each appointment's patient name, made once per day model. */
const indexOf = new WeakMap<DayModel, { id: string; startMs: number; words: string[] }[]>();

function nameIndex(model: DayModel): { id: string; startMs: number; words: string[] }[] {
  let index = indexOf.get(model);
  if (index === undefined) {
    index = [];
    for (const [id, entry] of model.appointments) {
      const name = entry.view.patientName;
      if (name !== null) index.push({ id, startMs: entry.startMs, words: words(name) });
    }
    index.sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id));
    indexOf.set(model, index);
  }
  return index;
}

/** True when the query could be a name (it has a letter): a number is never matched against names. */
export const looksLikeName = (query: string): boolean => /\p{L}/u.test(query);

/** The day's appointments whose patient name matches `query`, by start; none for fewer than two letters. */
export function findInDay(model: DayModel, query: string, limit = DAY_MATCH_LIMIT): DayMatch[] {
  const needles = words(query);
  if (needles.join('').length < 2 || !looksLikeName(query)) return [];
  const out: DayMatch[] = [];
  for (const item of nameIndex(model)) {
    if (!needles.every((needle) => item.words.some((word) => word.startsWith(needle)))) continue;
    out.push({ id: item.id, startMs: item.startMs, shown: model.layout.blocks.has(item.id) });
    if (out.length >= limit) break;
  }
  return out;
}
