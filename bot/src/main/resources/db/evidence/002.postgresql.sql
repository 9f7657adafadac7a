-- Full-text index over the decrypted messages of monitored rooms. terms is the tsvector of the body as
-- folded by the bot (case, Latin diacritics, punctuation), so searches match what SQLite's FTS5 matches.
CREATE TABLE evidence_search (
    event_id  VARCHAR(255) NOT NULL PRIMARY KEY,
    room_id   VARCHAR(255) NOT NULL,
    sender    VARCHAR(255) NOT NULL,
    origin_ts BIGINT NOT NULL,
    body      TEXT NOT NULL,
    terms     TSVECTOR NOT NULL
);
CREATE INDEX evidence_search_terms ON evidence_search USING GIN (terms);
-- Records are append-only: the store never updates or deletes them, and the database refuses it too.
CREATE FUNCTION evidence_record_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'evidence records are append-only'; END $$ LANGUAGE plpgsql;
CREATE TRIGGER evidence_record_no_change BEFORE UPDATE OR DELETE ON evidence_record FOR EACH ROW EXECUTE FUNCTION evidence_record_append_only();
