-- Incident records. One row per incident; the room columns record how far opening and closing
-- have come, so a retry continues where the last attempt stopped.
CREATE TABLE incident (
    id                 VARCHAR(64) NOT NULL PRIMARY KEY,
    day                VARCHAR(10) NOT NULL,
    seq                INTEGER NOT NULL,
    title              TEXT NOT NULL,
    severity           VARCHAR(16) NOT NULL,
    controls           TEXT NOT NULL,
    description        TEXT NOT NULL,
    links              TEXT NOT NULL,
    status             VARCHAR(16) NOT NULL,
    created_by         VARCHAR(255) NOT NULL,
    created_at         BIGINT NOT NULL,
    source_key         VARCHAR(255),
    room_id            VARCHAR(255),
    opening_step       VARCHAR(32) NOT NULL,
    report_event_id    VARCHAR(255),
    topic_severity     VARCHAR(16) NOT NULL,
    closing_step       VARCHAR(32),
    last_error         TEXT,
    response_by        VARCHAR(255),
    response_at        BIGINT,
    response_event_id  VARCHAR(255),
    resolution         TEXT,
    resolved_by        VARCHAR(255),
    resolved_at        BIGINT,
    close_requested_by VARCHAR(255),
    close_requested_at BIGINT,
    closed_at          BIGINT,
    UNIQUE (day, seq)
);
CREATE UNIQUE INDEX incident_source_key ON incident (source_key);
CREATE INDEX incident_room ON incident (room_id);

-- Who the bot invites, once per incident and user.
CREATE TABLE incident_invitation (
    incident_id  VARCHAR(64) NOT NULL,
    user_id      VARCHAR(255) NOT NULL,
    role         VARCHAR(64) NOT NULL,
    severity     VARCHAR(16) NOT NULL,
    state        VARCHAR(16) NOT NULL,
    requested_at BIGINT NOT NULL,
    sent_at      BIGINT,
    PRIMARY KEY (incident_id, user_id)
);

-- The incident timeline. An event appears once per kind of entry.
CREATE TABLE incident_timeline (
    incident_id VARCHAR(64) NOT NULL,
    number      INTEGER NOT NULL,
    kind        VARCHAR(16) NOT NULL,
    event_id    VARCHAR(255),
    sender      VARCHAR(255) NOT NULL,
    entry_at    BIGINT NOT NULL,
    note        TEXT NOT NULL,
    PRIMARY KEY (incident_id, number)
);
CREATE UNIQUE INDEX incident_timeline_event ON incident_timeline (incident_id, kind, event_id);

CREATE TABLE incident_task (
    incident_id VARCHAR(64) NOT NULL,
    number      INTEGER NOT NULL,
    assignee    VARCHAR(255) NOT NULL,
    task        TEXT NOT NULL,
    assigned_by VARCHAR(255) NOT NULL,
    assigned_at BIGINT NOT NULL,
    event_id    VARCHAR(255),
    PRIMARY KEY (incident_id, number)
);

CREATE TABLE incident_check (
    incident_id VARCHAR(64) NOT NULL,
    item        INTEGER NOT NULL,
    checked_by  VARCHAR(255) NOT NULL,
    checked_at  BIGINT NOT NULL,
    PRIMARY KEY (incident_id, item)
);

-- Room membership as the room's member events say.
CREATE TABLE incident_member (
    incident_id VARCHAR(64) NOT NULL,
    user_id     VARCHAR(255) NOT NULL,
    membership  VARCHAR(16) NOT NULL,
    changed_at  BIGINT NOT NULL,
    PRIMARY KEY (incident_id, user_id)
);

-- Plain bodies of the room's messages, so a pinned message can be quoted on the timeline.
CREATE TABLE incident_message (
    incident_id VARCHAR(64) NOT NULL,
    event_id    VARCHAR(255) NOT NULL,
    sender      VARCHAR(255) NOT NULL,
    sent_at     BIGINT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (incident_id, event_id)
);

-- Cleartext of the room's end-to-end encrypted events, as decrypted when they arrived through sync;
-- the transcript takes it from here, since /messages returns the events encrypted.
CREATE TABLE incident_cleartext (
    incident_id   VARCHAR(64) NOT NULL,
    event_id      VARCHAR(255) NOT NULL,
    event_type    VARCHAR(255) NOT NULL,
    content       TEXT NOT NULL,
    sender_device VARCHAR(255),
    PRIMARY KEY (incident_id, event_id)
);

-- The room history of a closed incident, one record per event, for the evidence ledger to adopt.
-- content is the cleartext when decrypted = 1, else the content as received.
CREATE TABLE transcript_record (
    incident_id      VARCHAR(64) NOT NULL,
    seq              INTEGER NOT NULL,
    room_id          VARCHAR(255) NOT NULL,
    event_id         VARCHAR(255) NOT NULL,
    event_type       VARCHAR(255) NOT NULL,
    sender           VARCHAR(255) NOT NULL,
    sender_device    VARCHAR(255),
    origin_server_ts BIGINT NOT NULL,
    received_at      BIGINT NOT NULL,
    decrypted        INTEGER NOT NULL,
    decryption_error TEXT,
    content          TEXT NOT NULL,
    raw_event        TEXT NOT NULL,
    PRIMARY KEY (incident_id, event_id)
);
CREATE INDEX transcript_record_order ON transcript_record (incident_id, seq);
