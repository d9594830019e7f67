// The keychain's name for a Leyr account. What an account may be (EHR code, client id) is
// the contract's rule (preload/contract/secret-rules.ts); this is only how the keychain
// spells it.
import type { SecretAccount } from '../../preload/contract/secret-rules.ts';

export type { SecretAccount } from '../../preload/contract/secret-rules.ts';

/** The keychain's account name. The EHR code has no colon, so the split is unambiguous. */
export const accountKey = (account: SecretAccount): string => `${account.emr}:${account.clientId}`;
