// The Columns dialog's filter: which columns a typed text names. Any part of the name, in any
// case and without regard to accents (typing "soder" finds "Söder", "bjorn" finds "Bjørn"),
// every word typed somewhere in the name ("berg cil" finds "Sjuksköterska Cilla Berg").

/** Lower case, accents and the Nordic letters folded to their base letter. */
export function foldName(text: string): string {
  return text
    .toLocaleLowerCase('en')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss');
}

/** A matcher for the typed text; blank text matches every name. */
export function columnMatcher(typed: string): (name: string) => boolean {
  const words = foldName(typed).split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return () => true;
  return (name) => {
    const folded = foldName(name);
    return words.every((word) => folded.includes(word));
  };
}
