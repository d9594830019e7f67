// The settings calls about the Leyr account: its credentials (the secret checked with Leyr,
// then kept in the keychain only), Test connection, the care unit, removing the secret, and
// signing out. Each either answers a value or throws a Failure the router says in words.
//
// The secret arrives once, in saveCredentials, is checked with Leyr, and goes to the keychain
// only when Leyr accepts it: wrong credentials change nothing. No answer or event carries it
// back, and no message repeats it.
import type { CallParsedArg, CareUnitOption, ConnectionCheck, CredentialsSaved, SettingsView, SignOutOutcome } from '../../preload/contract/index.ts';
import { leyrBaseUrl, type AccountSettings } from '../../preload/contract/settings-schema.ts';
import type { EventBus } from '../events/bus.ts';
import { notFound, Refusal, rejected } from '../errors/failure.ts';
import { LeyrError } from '../leyr/errors.ts';
import type { Logger } from '../log/logger.ts';
import type { CredentialHolder } from '../secrets/credential-holder.ts';
import { isSecretStoreError } from '../secrets/secret-store-error.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { leyrKeyPrefix } from './clinic-keys.ts';
import { connectionCheck, listCareUnits, nothingSaved, type ConnectionCheckOptions } from './connection-check.ts';
import { leyrUrl, normalisedUrl } from './desired-clinic.ts';
import { askKeychain, secretAccountOf } from './keychain.ts';
import type { SettingsViewSources } from './settings-view.ts';

/** What the account calls work with (given by the settings service). */
export interface AccountContext extends SettingsViewSources {
  secretStore: SecretStore;
  holder: CredentialHolder;
  bus: EventBus;
  log: Logger;
  now: () => number;
  keychainWaitMs: number;
  check: ConnectionCheckOptions;
  view(): SettingsView;
  /** Runs the clinic the settings now ask for; tells the renderer what changed. */
  reconcile(): Promise<void>;
  /** Throws when a Leyr fixed on the command line keeps the settings from switching the app. */
  refuseWhenFixed(): void;
}

export interface AccountCalls {
  saveCredentials(arg: CallParsedArg<'saveCredentials'>): Promise<CredentialsSaved>;
  testConnection(): Promise<ConnectionCheck>;
  chooseCareUnit(arg: CallParsedArg<'chooseCareUnit'>): Promise<SettingsView>;
  removeSecret(): Promise<SettingsView>;
  signOut(arg: CallParsedArg<'signOut'>): Promise<SignOutOutcome>;
}

const plural = (count: number, one: string, many: string): string => (count === 1 ? one : many);

export function accountCalls(context: AccountContext): AccountCalls {
  const { settings, secretStore, holder, store, keychain, careUnits, bus, log } = context;
  const checkedAt = (): string => new Date(context.now()).toISOString();

  const requireAccount = (): AccountSettings => {
    const account = settings.get().account;
    if (account === null) throw rejected('No Leyr account is set up yet. Enter the EHR, the client id and the client secret first.');
    return account;
  };

  /** The care units the stored credentials reach, asking Leyr. */
  async function careUnitsOf(account: AccountSettings): Promise<CareUnitOption[]> {
    const units = await holder.use(secretAccountOf(account), (credentials) => listCareUnits({ baseUrl: leyrBaseUrl(account), emr: account.emr }, credentials, context.check));
    keychain.secretFound();
    careUnits.set(account, units);
    return units;
  }

  /** Another account replaces this one: its secret does not stay behind in the keychain. */
  async function dropReplacedSecret(previous: AccountSettings): Promise<void> {
    holder.forget(secretAccountOf(previous));
    await secretStore.remove(secretAccountOf(previous)).catch((error: unknown) => {
      log.warn({ code: isSecretStoreError(error) ? error.code : 'unknown' }, 'the previous account’s secret could not be removed from the keychain');
    });
  }

  return {
    async saveCredentials(arg) {
      context.refuseWhenFixed();
      const owner = secretAccountOf(arg);
      const target = { baseUrl: leyrUrl(arg.baseUrl), emr: arg.emr };
      // First Leyr, then the keychain: credentials Leyr refuses never get stored.
      let units: CareUnitOption[];
      try {
        units = await holder.useUnsaved({ emr: arg.emr, clientId: arg.clientId, secret: arg.clientSecret }, (credentials) => listCareUnits(target, credentials, context.check));
      } catch (error) {
        // Only Leyr's UNAUTHORIZED means the credentials; an EHR failure or a wait says nothing about them.
        const leyr = error instanceof LeyrError ? { status: error.status, code: error.code, instance: error.instance } : {};
        log.info({ emr: arg.emr, ...leyr }, 'credentials not confirmed by Leyr; nothing saved');
        throw nothingSaved(error);
      }
      await secretStore.save(owner, arg.clientSecret);
      // A replaced secret must be read afresh on the next call.
      holder.forget(owner);
      const previous = settings.get().account;
      if (previous !== null && (previous.emr !== arg.emr || previous.clientId !== arg.clientId)) await dropReplacedSecret(previous);
      const sameLeyr = previous !== null && previous.emr === arg.emr && normalisedUrl(previous) === target.baseUrl;
      const keptCareUnit = sameLeyr && previous.careUnitId !== null && units.some((unit) => unit.id === previous.careUnitId) ? previous.careUnitId : null;
      keychain.secretFound();
      await settings.update({
        account: { emr: arg.emr, clientId: arg.clientId, careUnitId: keptCareUnit, ...(arg.baseUrl !== undefined && { baseUrl: arg.baseUrl }) },
      });
      careUnits.set(arg, units);
      log.info({ emr: arg.emr, careUnits: units.length }, 'credentials accepted by Leyr and stored in the keychain');
      await context.reconcile();
      return { settings: context.view(), connection: connectionCheck(units, checkedAt()) };
    },

    async testConnection() {
      const account = requireAccount();
      try {
        const units = await careUnitsOf(account);
        return connectionCheck(units, checkedAt());
      } catch (error) {
        keychain.learn(error);
        throw error;
      } finally {
        bus.emit('settings.changed', context.view());
      }
    },

    async chooseCareUnit(arg) {
      context.refuseWhenFixed();
      const account = requireAccount();
      // Not asked since start (the demo was chosen then): ask now.
      if (!keychain.current().secretStored) keychain.set(await askKeychain(secretStore, account, context.keychainWaitMs));
      const known = keychain.current();
      if (!known.secretStored) {
        throw new Refusal('KEYCHAIN', known.available === false && known.reason !== null ? known.reason : 'No client secret for this account is stored in the keychain. Enter it and test the connection first.');
      }
      let units = careUnits.get(account);
      if (units === undefined || !units.some((unit) => unit.id === arg.careUnitId)) units = await careUnitsOf(account);
      if (!units.some((unit) => unit.id === arg.careUnitId)) {
        throw notFound('Leyr does not list that care unit for these credentials. Test the connection and pick one from the list.');
      }
      await settings.update({ account: { ...account, careUnitId: arg.careUnitId }, preferDemo: false });
      await context.reconcile();
      return context.view();
    },

    async removeSecret() {
      context.refuseWhenFixed();
      const account = settings.get().account;
      if (account !== null) {
        await secretStore.remove(secretAccountOf(account));
        holder.forget(secretAccountOf(account));
        keychain.set({ available: true, reason: null, secretStored: false });
        log.info({ emr: account.emr }, 'client secret removed at the receptionist’s request');
      }
      await context.reconcile();
      return context.view();
    },

    async signOut(arg) {
      context.refuseWhenFixed();
      const account = settings.get().account;
      if (account === null) {
        await context.reconcile();
        return { settings: context.view(), secretRemoved: false, erasedClinics: 0, warning: null };
      }
      const prefix = leyrKeyPrefix(leyrBaseUrl(account), account.emr);
      const pending = store.accounts
        .list()
        .filter((record) => record.key.startsWith(prefix))
        // Held changes read back from a damaged store have not reached Leyr either.
        .reduce((sum, record) => sum + store.outbox.activeCount(record.id) + store.outbox.held.count(record.id), 0);
      if (pending > 0 && arg?.discardPendingChanges !== true) {
        throw rejected(
          `${plural(pending, 'One change', `${pending} changes`)} for this clinic ${plural(pending, 'has', 'have')} not reached Leyr yet, and signing out would delete ${plural(pending, 'it', 'them')}. Let ${plural(pending, 'it', 'them')} be sent first, or sign out anyway.`,
        );
      }
      // The clinic stops first, so no worker touches the data that is about to go.
      await settings.update({ account: null, preferDemo: false });
      keychain.set({ ...keychain.current(), secretStored: false });
      await context.reconcile();
      holder.forget(secretAccountOf(account));
      let secretRemoved = false;
      let warning: string | null = null;
      try {
        secretRemoved = await secretStore.remove(secretAccountOf(account));
      } catch (error) {
        keychain.learn(error);
        warning = `The client secret could not be removed from the keychain: ${isSecretStoreError(error) ? error.message : 'the keychain failed.'} Remove the entry “${account.emr}:${account.clientId}” with the computer’s keychain app.`;
      }
      const erasedClinics = store.eraseAccounts(prefix);
      log.info({ emr: account.emr, erasedClinics, secretRemoved, discardedChanges: pending }, 'signed out of the Leyr account');
      const current = context.view();
      bus.emit('settings.changed', current);
      return { settings: current, secretRemoved, erasedClinics, warning };
    },
  };
}
