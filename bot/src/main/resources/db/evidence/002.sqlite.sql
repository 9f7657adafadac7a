-- Full-text index over the decrypted messages of monitored rooms (SQLite FTS5).
CREATE VIRTUAL TABLE evidence_search USING fts5(body, event_id UNINDEXED, room_id UNINDEXED, sender UNINDEXED, origin_ts UNINDEXED, tokenize = 'unicode61');
-- Records are append-only: the store never updates or deletes them, and the database refuses it too.
CREATE TRIGGER evidence_record_no_update BEFORE UPDATE ON evidence_record BEGIN SELECT RAISE(ABORT, 'evidence records are append-only'); END;
CREATE TRIGGER evidence_record_no_delete BEFORE DELETE ON evidence_record BEGIN SELECT RAISE(ABORT, 'evidence records are append-only'); END;
