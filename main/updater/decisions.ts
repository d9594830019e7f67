// The updater's decisions, as pure functions of what is known at the moment: whether an
// update found on the server is offered to this desk, and whether a ready update may restart
// the app now. The controller applies them; tests call them directly and through it.
import type { UpdateChannel, UpdateHold } from '../../preload/contract/index.ts';
import { channelAccepts, compareVersions, type UpdateMetadata } from './metadata.ts';
import { isWithinRollout } from './rollout.ts';

export type OfferDecision =
  | { offer: true }
  | {
      offer: false;
      reason: 'not-newer' | 'wrong-channel' | 'outside-rollout';
      /** A sentence for the receptionist when there is something to say; null when up to date. */
      note: string | null;
    };

export interface OfferInput {
  currentVersion: string;
  channel: UpdateChannel;
  metadata: UpdateMetadata;
  installId: string;
}

/**
 * Offer only a newer version (never a downgrade: the local store's migrations only go
 * forward), of a channel this desk follows, whose staged rollout includes this install.
 */
export function decideOffer({ currentVersion, channel, metadata, installId }: OfferInput): OfferDecision {
  const { version } = metadata;
  if (compareVersions(version, currentVersion) <= 0) return { offer: false, reason: 'not-newer', note: null };
  if (!channelAccepts(channel, version)) return { offer: false, reason: 'wrong-channel', note: null };
  if (!isWithinRollout(metadata.stagingPercentage, installId)) {
    return {
      offer: false,
      reason: 'outside-rollout',
      note: `Version ${version} is being rolled out in stages; this computer gets it in a later stage.`,
    };
  }
  return { offer: true };
}

/**
 * Whether a restart to install must wait, and why: changes the outbox has not delivered
 * (they would wait for the next start, and a new version should not be the one to find
 * them), or a dialog the receptionist is working in. Unsent changes are the stronger reason.
 */
export function decideHold({ pendingChanges, uiBusy }: { pendingChanges: number; uiBusy: boolean }): UpdateHold | null {
  if (pendingChanges > 0) return { reason: 'pending-changes', pendingChanges };
  if (uiBusy) return { reason: 'dialog-open' };
  return null;
}

export function sameHold(a: UpdateHold | null, b: UpdateHold | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.reason !== b.reason) return false;
  return a.reason !== 'pending-changes' || b.reason !== 'pending-changes' || a.pendingChanges === b.pendingChanges;
}

/** A sentence for a hold, for the log and the restart answer. */
export function describeHold(hold: UpdateHold): string {
  return hold.reason === 'pending-changes'
    ? `${hold.pendingChanges} change${hold.pendingChanges === 1 ? ' is' : 's are'} not yet sent to the EHR`
    : 'a dialog is open';
}
