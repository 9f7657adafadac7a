-- Alerts received by the watchdog. Ids are assigned by the bot (MAX + 1 inside the inserting
-- transaction), the same way on SQLite and PostgreSQL.
CREATE TABLE watchdog_alert (
    id               BIGINT NOT NULL PRIMARY KEY,
    source           VARCHAR(100) NOT NULL,
    fingerprint      VARCHAR(400) NOT NULL,
    title            TEXT NOT NULL,
    level            VARCHAR(20) NOT NULL,
    description      TEXT NOT NULL,
    labels           TEXT NOT NULL,
    links            TEXT NOT NULL,
    fire_count       BIGINT NOT NULL,
    first_seen       BIGINT NOT NULL,
    last_seen        BIGINT NOT NULL,
    event_id         VARCHAR(255),
    digest_id        BIGINT,
    acked_by         VARCHAR(255),
    acked_at         BIGINT,
    escalated_at     BIGINT,
    resolved_at      BIGINT,
    superseded       INTEGER NOT NULL DEFAULT 0,
    incident_id      VARCHAR(255),
    -- work still to do for this alert: 1 = pending
    resolve_pending  INTEGER NOT NULL DEFAULT 0,
    oversight_pending INTEGER NOT NULL DEFAULT 0,
    incident_pending INTEGER NOT NULL DEFAULT 0,
    escalation_pending INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX watchdog_alert_fp ON watchdog_alert (source, fingerprint, id);
CREATE INDEX watchdog_alert_unposted ON watchdog_alert (event_id, digest_id, id);

-- Messages that stand for several alerts. A digest is created (and its alerts assigned) before it is
-- sent, so a crash in between resends the same digest under the same outbox key.
CREATE TABLE watchdog_digest (
    id         BIGINT NOT NULL PRIMARY KEY,
    room_kind  VARCHAR(20) NOT NULL,
    event_id   VARCHAR(255),
    revision   INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

-- Which room message speaks for which alert, so a reply or reaction to it acknowledges the alert.
CREATE TABLE watchdog_message (
    event_id VARCHAR(255) NOT NULL,
    alert_id BIGINT NOT NULL,
    PRIMARY KEY (event_id, alert_id)
);

-- Alerts folded into an oversight-room digest.
CREATE TABLE watchdog_oversight_digest (
    digest_id BIGINT NOT NULL,
    alert_id  BIGINT NOT NULL,
    PRIMARY KEY (digest_id, alert_id)
);

-- The latest self-check of each managed room.
CREATE TABLE watchdog_room_check (
    room_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    encrypted  INTEGER NOT NULL,
    retention  INTEGER NOT NULL,
    checked_at BIGINT NOT NULL
);
