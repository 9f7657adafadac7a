-- Change requests, approvals and their evidence. Documents are JSON (TEXT); the columns beside them
-- are what queries look things up by.

CREATE TABLE change_request (
    ref         BIGINT NOT NULL PRIMARY KEY,
    cr_id       VARCHAR(32),
    state       VARCHAR(32) NOT NULL,
    created_at  VARCHAR(40) NOT NULL,
    document    TEXT NOT NULL
);
CREATE UNIQUE INDEX change_request_cr_id ON change_request (cr_id);

-- Draft numbers and register sequences (per kind and year), CAPA sequences (per year).
CREATE TABLE change_counter (
    name   VARCHAR(64) NOT NULL PRIMARY KEY,
    value  BIGINT NOT NULL
);

CREATE TABLE approval_request (
    id               VARCHAR(64) NOT NULL PRIMARY KEY,
    cr_id            VARCHAR(32) NOT NULL,
    seq              BIGINT NOT NULL,
    status           VARCHAR(16) NOT NULL,
    posted_event_id  VARCHAR(255),
    document         TEXT NOT NULL
);
CREATE INDEX approval_request_cr ON approval_request (cr_id, seq);
CREATE INDEX approval_request_status ON approval_request (status, seq);
CREATE UNIQUE INDEX approval_request_posted ON approval_request (posted_event_id);

CREATE TABLE capa (
    id        VARCHAR(32) NOT NULL PRIMARY KEY,
    cr_id     VARCHAR(32) NOT NULL,
    seq       BIGINT NOT NULL,
    document  TEXT NOT NULL
);
CREATE INDEX capa_cr ON capa (cr_id);

-- Append-only: never updated or deleted.
CREATE TABLE change_log (
    seq         BIGINT NOT NULL PRIMARY KEY,
    ref         BIGINT NOT NULL,
    cr_id       VARCHAR(32),
    at          VARCHAR(40) NOT NULL,
    actor       VARCHAR(255) NOT NULL,
    kind        VARCHAR(32) NOT NULL,
    from_state  VARCHAR(32),
    to_state    VARCHAR(32),
    reason      TEXT NOT NULL
);
CREATE INDEX change_log_ref ON change_log (ref, seq);

-- Every message evaluated as a decision (counted or not), every ignored edit or redaction of one,
-- and every reply to a request that was not a decision. Append-only; the evidence ledger adopts it.
CREATE TABLE decision_evidence (
    seq                  BIGINT NOT NULL PRIMARY KEY,
    approval_request_id  VARCHAR(64) NOT NULL,
    cr_id                VARCHAR(32) NOT NULL,
    room_id              VARCHAR(255),
    event_id             VARCHAR(255) NOT NULL,
    sender               VARCHAR(255) NOT NULL,
    device_id            VARCHAR(255),
    cross_signed         INTEGER NOT NULL,
    identity             VARCHAR(32) NOT NULL,
    text                 TEXT NOT NULL,
    at                   VARCHAR(40) NOT NULL,
    outcome              VARCHAR(128) NOT NULL,
    recorded_at          VARCHAR(40) NOT NULL
);
CREATE INDEX decision_evidence_event ON decision_evidence (event_id);
CREATE INDEX decision_evidence_request ON decision_evidence (approval_request_id, seq);

-- Trust on first use of approvers' cross-signing master keys, and who re-pinned what.
CREATE TABLE identity_pin (
    user_id     VARCHAR(255) NOT NULL PRIMARY KEY,
    master_key  VARCHAR(128) NOT NULL,
    pinned_at   VARCHAR(40) NOT NULL
);
CREATE TABLE identity_repin (
    seq       BIGINT NOT NULL PRIMARY KEY,
    user_id   VARCHAR(255) NOT NULL,
    old_key   VARCHAR(128),
    new_key   VARCHAR(128) NOT NULL,
    admin     VARCHAR(255) NOT NULL,
    at        VARCHAR(40) NOT NULL
);

-- Notifications of the workflow, queued in the transaction of the change they report and turned
-- into outgoing room events by the bot (from the bot itself or from the command line).
CREATE TABLE change_notification (
    seq                  BIGINT NOT NULL PRIMARY KEY,
    kind                 VARCHAR(64) NOT NULL,
    target               VARCHAR(32) NOT NULL,
    approval_request_id  VARCHAR(64),
    cr_ref               VARCHAR(32),
    alert_level          VARCHAR(16),
    body                 TEXT NOT NULL,
    html                 TEXT NOT NULL,
    created_at           VARCHAR(40) NOT NULL,
    dispatched_at        VARCHAR(40)
);
CREATE INDEX change_notification_pending ON change_notification (dispatched_at, seq);

-- Room membership as of the last applied event, kept in sync order, so that "joined at that event"
-- is exact for the event being applied.
CREATE TABLE room_membership (
    room_id     VARCHAR(255) NOT NULL,
    user_id     VARCHAR(255) NOT NULL,
    membership  VARCHAR(16) NOT NULL,
    event_id    VARCHAR(255),
    PRIMARY KEY (room_id, user_id)
);
