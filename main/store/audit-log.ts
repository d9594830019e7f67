// The local audit log: who did what and when, and Leyr's `instance` when Leyr refused, so
// a receptionist's question ("did my cancel go through?") has an answer on this machine.
// It never holds personal numbers: callers pass ids and plain words, and every detail is
// scrubbed once more on the way in.
import { scrub } from '../log/logger.ts';
import type { Database } from './database.ts';
import { integer, integerOrNull, text, textOrNull } from './records.ts';

export interface AuditEntry {
  accountId: number | null;
  at: string;
  actor: string;
  /** What happened, e.g. `change.queued`, `change.refused`, `patient.created`. */
  action: string;
  changeId?: string | null;
  outcome?: string | null;
  detail?: string | null;
  leyrCode?: string | null;
  leyrInstance?: string | null;
}

export interface AuditRecord extends Required<AuditEntry> {
  id: number;
}

export interface AuditLog {
  write(entry: AuditEntry): void;
  /** Newest first. */
  recent(accountId: number, limit: number): AuditRecord[];
}

export function createAuditLog({ db, transaction }: Database): AuditLog {
  const insert = db.prepare(
    'INSERT INTO audit_log (account_id, at, actor, action, change_id, outcome, detail, leyr_code, leyr_instance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const select = db.prepare('SELECT * FROM audit_log WHERE account_id = ? ORDER BY id DESC LIMIT ?');
  const clean = (value: string | null | undefined): string | null => (value === null || value === undefined ? null : scrub(value));
  return {
    write(entry) {
      transaction(() =>
        insert.run(
          entry.accountId,
          entry.at,
          scrub(entry.actor),
          entry.action,
          entry.changeId ?? null,
          clean(entry.outcome),
          clean(entry.detail),
          clean(entry.leyrCode),
          clean(entry.leyrInstance),
        ),
      );
    },
    recent: (accountId, limit) =>
      select.all(accountId, limit).map((row) => ({
        id: integer(row, 'id'),
        accountId: integerOrNull(row, 'account_id'),
        at: text(row, 'at'),
        actor: text(row, 'actor'),
        action: text(row, 'action'),
        changeId: textOrNull(row, 'change_id'),
        outcome: textOrNull(row, 'outcome'),
        detail: textOrNull(row, 'detail'),
        leyrCode: textOrNull(row, 'leyr_code'),
        leyrInstance: textOrNull(row, 'leyr_instance'),
      })),
  };
}
