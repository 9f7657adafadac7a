package org.compliancebot.bot.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.util.Optional;
import org.compliancebot.bot.evidence.EventHashes;
import org.compliancebot.bot.evidence.EventRedaction;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.packet.PacketFiles;

/**
 * Each record's raw federation event hashes to its event id (reference hash), its content hash matches the
 * server's {@code hashes.sha256} unless the server had already redacted it when it was read, and the record's
 * fields are those of the event.
 */
final class EventHashCheck implements Check {
    @Override
    public String name() {
        return "event ids and content hashes";
    }

    /** What checking one record found: no raw event to check, checked, or checked in its redacted form. */
    enum Outcome { NO_RAW_EVENT, CHECKED, CHECKED_REDACTED }

    @Override
    public String run(VerifyContext ctx) throws CheckFailure {
        int checked = 0;
        int redacted = 0;
        Object[] precomputed = ctx.eventOutcomes;
        int n = precomputed != null ? precomputed.length : ctx.records.size();
        for (int i = 0; i < n; i++) {
            // The records pass may have checked the events already, in parallel; a stored failure is thrown here,
            // in record order, so the first broken record is named whatever thread found it.
            Object o = precomputed != null ? precomputed[i] : outcomeOf(ctx.records.get(i));
            if (o instanceof CheckFailure f) {
                throw f;
            }
            if (o == Outcome.NO_RAW_EVENT) {
                continue;
            }
            if (o == Outcome.CHECKED_REDACTED) {
                redacted++;
            }
            checked++;
        }
        return checked + " events match their event ids" + (redacted > 0
                ? " (" + redacted + " read after the server had redacted them: reference hash only)" : "")
                + "; content hashes verified";
    }

    /** The outcome of checking one record, or the {@link CheckFailure} naming it. Thread-safe. */
    static Object outcomeOf(EvidenceRecord r) {
        try {
            return check(r);
        } catch (CheckFailure f) {
            return f;
        }
    }

    static Outcome check(EvidenceRecord r) throws CheckFailure {
        JsonNode raw = r.rawEvent();
        if (raw == null) {
            return Outcome.NO_RAW_EVENT;
        }
        String where = PacketFiles.RECORDS + " record " + r.seq() + " (" + r.eventId() + ")";
        if (r.roomVersion() == null || !EventRedaction.supports(r.roomVersion())) {
            throw new CheckFailure(where, "room version " + r.roomVersion() + " has no hash-based event ids to check");
        }
        if (raw.has("room_id")) {
            same(where, "room_id", r.roomId(), raw.path("room_id").asText());
        } else if (!"m.room.create".equals(r.eventType()) || !r.roomId().equals("!" + r.eventId().substring(1))) {
            // Only a v12 create event has no room_id: its event id is the room id.
            throw new CheckFailure(where, "the raw event has no room_id");
        }
        same(where, "sender", r.sender(), raw.path("sender").asText());
        same(where, "type", r.eventType(), raw.path("type").asText());
        if (raw.path("origin_server_ts").asLong() != r.originServerTs()) {
            throw new CheckFailure(where, "origin_server_ts differs from the raw event's");
        }
        if (raw.has("event_id")) {
            same(where, "event_id", r.eventId(), raw.path("event_id").asText());
        }
        String computed = EventHashes.eventId(raw, r.roomVersion());
        if (!computed.equals(r.eventId())) {
            throw new CheckFailure(where, "the reference hash of the raw event is " + computed + ", not the event id");
        }
        Optional<byte[]> claimed = EventHashes.claimedContentHash(raw);
        if (claimed.isEmpty()) {
            throw new CheckFailure(where, "the raw event carries no hashes.sha256");
        }
        if (!MessageDigest.isEqual(EventHashes.contentHash(raw, r.roomVersion()), claimed.get())) {
            if (!EventHashes.isRedactedForm(raw, r.roomVersion())) {
                throw new CheckFailure(where, "the content hash does not match the server's hashes.sha256");
            }
            return Outcome.CHECKED_REDACTED;
        } else if (!raw.path("content").equals(r.content())) {
            throw new CheckFailure(where, "the record's content differs from the raw event's");
        }
        return Outcome.CHECKED;
    }

    private static void same(String where, String field, String expected, String actual) throws CheckFailure {
        if (!expected.equals(actual)) {
            throw new CheckFailure(where, field + " differs from the raw event's");
        }
    }
}
