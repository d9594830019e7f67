// What Leyr's base URL may be, in one place for the settings screen, the command line and
// the client itself: the client secret goes in a header of every request, so the address is
// a remote address a secret may travel to (app/remote-address.ts), and carries no query of
// its own either. Pure, like the settings schema that uses it.
import { remoteAddressProblem } from '../app/remote-address.ts';

/** What is wrong with `value` as Leyr's base URL, in plain words (never repeating it); null when nothing. */
export function leyrBaseUrlProblem(value: string): string | null {
  const problem = remoteAddressProblem(value);
  if (problem === 'not-http') return 'The Leyr address must be an http(s) URL.';
  if (problem === 'plain-http-elsewhere') return 'The Leyr address must use https (plain http only to this computer, for the local sandbox).';
  if (problem === 'credentials-or-fragment' || new URL(value).search !== '') return 'The Leyr address must not carry a query, a fragment or a user name.';
  return null;
}
