// The local store's schema, one entry per version (PRAGMA user_version). Append only: a
// released migration is never edited, a change is a new entry.
//
// Every table that holds data of a clinic is keyed by account (one EHR + care unit; the
// demo clinic is an account of its own) and cascades from `accounts`, so signing out of an
// account can delete all its cached patient data with one row. The audit log outlives the
// account (it holds no patient data) and only loses the link.
export const MIGRATIONS: readonly string[] = [
  /* 1: cached days, catalog, patients, outbox with targets and overlay, audit log */ `
  CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    emr TEXT NOT NULL,
    care_unit_id TEXT NOT NULL,
    care_unit_name TEXT,
    time_zone TEXT NOT NULL DEFAULT 'Europe/Stockholm',
    catalog_fetched_at TEXT,
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE resources (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT,
    position INTEGER NOT NULL,
    PRIMARY KEY (account_id, id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE services (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT,
    duration_minutes INTEGER,
    position INTEGER NOT NULL,
    PRIMARY KEY (account_id, id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE days (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    fetched_at TEXT,
    failed_at TEXT,
    failure TEXT,
    opened_at TEXT,
    PRIMARY KEY (account_id, date)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE timeslots (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    service_id TEXT,
    start TEXT NOT NULL,
    end TEXT NOT NULL,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX timeslots_by_day ON timeslots (account_id, date);

  -- The server copy: what Leyr last said about each appointment. synced_seq orders writes
  -- from Leyr's answers against background refreshes that started earlier.
  CREATE TABLE appointments (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    date TEXT NOT NULL,
    start TEXT NOT NULL,
    end TEXT NOT NULL,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL,
    resource_id TEXT,
    patient_id TEXT,
    service_id TEXT,
    status TEXT NOT NULL,
    comment TEXT,
    care_unit_id TEXT,
    synced_seq INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX appointments_by_day ON appointments (account_id, date);

  -- The local copy of appointments that have changes Leyr has not accepted yet: the state
  -- the newest of those changes expects. Absent row: the server copy is the local copy.
  CREATE TABLE appointment_overlay (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    date TEXT NOT NULL,
    start TEXT NOT NULL,
    end TEXT NOT NULL,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL,
    resource_id TEXT,
    patient_id TEXT,
    service_id TEXT,
    status TEXT NOT NULL,
    comment TEXT,
    care_unit_id TEXT,
    change_id TEXT NOT NULL,
    PRIMARY KEY (account_id, id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX appointment_overlay_by_day ON appointment_overlay (account_id, date);

  -- Two-step cancels waiting for the patient's code: the appointment to cancel, and Leyr's
  -- record (awaiting_confirmation) that the code confirms.
  CREATE TABLE cancellation_requests (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    appointment_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    PRIMARY KEY (account_id, appointment_id)
  ) STRICT, WITHOUT ROWID;
  CREATE UNIQUE INDEX cancellation_requests_by_record ON cancellation_requests (account_id, record_id);

  CREATE TABLE patients (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    emr_id TEXT,
    first_name TEXT,
    last_name TEXT,
    external_id TEXT,
    found INTEGER NOT NULL DEFAULT 1,
    fetched_on TEXT NOT NULL,
    PRIMARY KEY (account_id, id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX patients_by_external_id ON patients (account_id, external_id);

  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    change_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    request TEXT NOT NULL,
    summary TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'applied', 'refused', 'conflict')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    failure TEXT,
    conflict TEXT,
    dismissed INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX outbox_by_status ON outbox (account_id, status, seq);

  -- What each change touches: the appointment as the change found it (base, null when the
  -- change creates it) and as the change should leave it (expected).
  CREATE TABLE outbox_targets (
    seq INTEGER NOT NULL REFERENCES outbox(seq) ON DELETE CASCADE,
    account_id INTEGER NOT NULL,
    appointment_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    base TEXT,
    expected TEXT,
    PRIMARY KEY (seq, appointment_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX outbox_targets_by_appointment ON outbox_targets (account_id, appointment_id, seq);

  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    change_id TEXT,
    outcome TEXT,
    detail TEXT,
    leyr_code TEXT,
    leyr_instance TEXT
  ) STRICT;
  CREATE INDEX audit_log_by_account ON audit_log (account_id, id);
  `,
  /* 2: the contract's name for a change in flight ('sent', was 'sending'); unreadable rows marked */ `
  -- SQLite cannot change a CHECK constraint in place: the outbox is built anew with the new
  -- names and the rows copied over (seq kept), its targets with it (they reference it). The
  -- AUTOINCREMENT counter is carried over, so a purged change's seq is never given again.
  CREATE TABLE outbox_next (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    change_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    request TEXT NOT NULL,
    summary TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'applied', 'refused', 'conflict')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    failure TEXT,
    conflict TEXT,
    dismissed INTEGER NOT NULL DEFAULT 0,
    -- 1 once the change could not be read back (damaged request, unknown kind): kept for the
    -- record, refused if it was still to be sent, never sent.
    unreadable INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  INSERT INTO outbox_next (seq, account_id, change_id, kind, request, summary, status, attempts, next_attempt_at, created_at, updated_at, actor, failure, conflict, dismissed)
    SELECT seq, account_id, change_id, kind, request, summary, CASE status WHEN 'sending' THEN 'sent' ELSE status END,
           attempts, next_attempt_at, created_at, updated_at, actor, failure, conflict, dismissed
      FROM outbox;
  INSERT INTO sqlite_sequence (name, seq)
    SELECT 'outbox_next', seq FROM sqlite_sequence WHERE name = 'outbox'
       AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox_next');
  UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)) WHERE name = 'outbox_next';

  CREATE TABLE outbox_targets_copy AS SELECT seq, account_id, appointment_id, position, base, expected FROM outbox_targets;
  DROP TABLE outbox_targets;
  DROP TABLE outbox;
  ALTER TABLE outbox_next RENAME TO outbox;
  CREATE INDEX outbox_by_status ON outbox (account_id, status, seq);

  CREATE TABLE outbox_targets (
    seq INTEGER NOT NULL REFERENCES outbox(seq) ON DELETE CASCADE,
    account_id INTEGER NOT NULL,
    appointment_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    base TEXT,
    expected TEXT,
    PRIMARY KEY (seq, appointment_id)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO outbox_targets SELECT seq, account_id, appointment_id, position, base, expected FROM outbox_targets_copy;
  DROP TABLE outbox_targets_copy;
  CREATE INDEX outbox_targets_by_appointment ON outbox_targets (account_id, appointment_id, seq);
  `,
  /* 3: two-step cancel records kept by record id (closed ones too); a day's unreadable items counted */ `
  -- Leyr answers a two-step cancel with a record of its own (a new id, awaiting_confirmation)
  -- that names nothing; the app pairs it with the appointment from the request it sent. A
  -- record is never an appointment of the day: its id is kept after the request closes
  -- (confirmed, withdrawn), so that Leyr's listings never show it as one. closed_at NULL:
  -- the cancel still waits for the patient's code.
  CREATE TABLE cancellation_records (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    record_id TEXT NOT NULL,
    appointment_id TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    closed_at TEXT,
    PRIMARY KEY (account_id, record_id)
  ) STRICT, WITHOUT ROWID;
  CREATE UNIQUE INDEX cancellation_records_waiting ON cancellation_records (account_id, appointment_id) WHERE closed_at IS NULL;
  INSERT INTO cancellation_records (account_id, record_id, appointment_id, requested_at)
    SELECT account_id, record_id, appointment_id, requested_at FROM cancellation_requests;
  DROP TABLE cancellation_requests;
  -- A record the app stored as an appointment before it knew better is not one.
  DELETE FROM appointments WHERE EXISTS (SELECT 1 FROM cancellation_records c WHERE c.account_id = appointments.account_id AND c.record_id = appointments.id);

  -- Items of the day's last fetch that Leyr sent but could not be read (skipped, counted).
  ALTER TABLE days ADD COLUMN unreadable INTEGER NOT NULL DEFAULT 0;
  `,
  /* 4: changes salvaged from a damaged store, held until the receptionist sends them */ `
  -- NULL: an ordinary change. Otherwise the change was read back from a store that was set
  -- aside (this is that file's name) and is held: the outbox worker, the overlay and the
  -- change list leave it alone until the receptionist sends it (held_from back to NULL) or
  -- discards it. A column, not a state: the status keeps saying where the change stood.
  ALTER TABLE outbox ADD COLUMN held_from TEXT;
  `,
];
