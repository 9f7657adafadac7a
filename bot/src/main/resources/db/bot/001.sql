-- Every room event the bot has applied. Not unique on purpose: exactly-once delivery is shown by
-- COUNT(*) = COUNT(DISTINCT event_id), and a duplicate would be visible here.
CREATE TABLE received_event (
    event_id    VARCHAR(255) NOT NULL,
    room_id     VARCHAR(255) NOT NULL,
    sender      VARCHAR(255) NOT NULL,
    event_type  VARCHAR(255) NOT NULL,
    origin_ts   BIGINT NOT NULL,
    received_at BIGINT NOT NULL
);
CREATE INDEX received_event_id ON received_event (event_id);
CREATE INDEX received_event_room_ts ON received_event (room_id, origin_ts);
