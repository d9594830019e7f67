// Where a secret (Leyr's client secret, in a header) or an update may travel: an http(s)
// URL that is https, or plain http only to this computer (the local sandbox, a local test
// server), with no user name, password or fragment in it. One rule for the Leyr address and
// the update feed, each in its own words. Pure: the settings schema, and through it the
// contract, use it.

export type RemoteAddressProblem = 'not-http' | 'plain-http-elsewhere' | 'credentials-or-fragment';

/** Host names that mean this computer, as the URL parser writes them. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why `value` is not such an address, or null when it is one. Never throws. */
export function remoteAddressProblem(value: string): RemoteAddressProblem | null {
  if (!URL.canParse(value)) return 'not-http';
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'not-http';
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return 'plain-http-elsewhere';
  if (url.username !== '' || url.password !== '' || url.hash !== '') return 'credentials-or-fragment';
  return null;
}

/**
 * What is wrong with `value` as Leyr's base URL, in plain words (never repeating it); null
 * when nothing. The client secret goes in a header of every request, so the address is one a
 * secret may travel to, and it carries no query of its own either.
 */
export function leyrBaseUrlProblem(value: string): string | null {
  const problem = remoteAddressProblem(value);
  if (problem === 'not-http') return 'The Leyr address must be an http(s) URL.';
  if (problem === 'plain-http-elsewhere') return 'The Leyr address must use https (plain http only to this computer, for the local sandbox).';
  if (problem === 'credentials-or-fragment' || new URL(value).search !== '') return 'The Leyr address must not carry a query, a fragment or a user name.';
  return null;
}
