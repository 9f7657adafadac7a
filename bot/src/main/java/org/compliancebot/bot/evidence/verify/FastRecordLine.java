package org.compliancebot.bot.evidence.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.compliancebot.bot.evidence.EventRedaction;
import org.compliancebot.bot.evidence.EvidenceKind;
import org.compliancebot.bot.evidence.RecordCodec;
import org.compliancebot.bot.evidence.SenderTrust;
import org.compliancebot.bridge.crypto.json.CanonicalJsonScanner;
import org.compliancebot.bridge.crypto.json.CanonicalJsonScanner.Members;

/**
 * The checks of one line of records.jsonl read straight from its bytes, for the common case: a record that is
 * not encrypted, in canonical JSON, of the record format, whose raw event (if any) is an event whose redaction
 * empties its content. It computes the raw event's reference and content hashes over slices of the line, as the
 * line is canonical so each slice is the canonical form of what it holds.
 *
 * <p>It only ever answers "passes" or "not known": {@link #check} returns false for anything outside the common
 * case or failing a check, and the caller then checks that line by parsing it ({@link RecordLines}), which
 * decides and names the failure. A line it passes is one the parsing checks pass with the outcome
 * {@link EventHashCheck.Outcome#CHECKED} or {@link EventHashCheck.Outcome#NO_RAW_EVENT}.
 * One instance per thread.
 */
final class FastRecordLine {
    /** The record's fields, in the order canonical JSON sorts them. */
    private static final KeyTable FIELDS = new KeyTable(List.of("content", "decrypted", "event_id", "event_type", "format", "kind",
            "links", "note", "origin_server_ts", "raw_event", "received_ts", "room_id", "room_version", "sender", "sender_device",
            "sender_trust", "seq"));
    private static final int CONTENT = 0, DECRYPTED = 1, EVENT_ID = 2, EVENT_TYPE = 3, FORMAT = 4, KIND = 5, LINKS = 6, NOTE = 7,
            ORIGIN_TS = 8, RAW_EVENT = 9, RECEIVED_TS = 10, ROOM_ID = 11, ROOM_VERSION = 12, SENDER = 13, SENDER_DEVICE = 14,
            SENDER_TRUST = 15, SEQ = 16;
    private static final int ALL_REQUIRED = bits(CONTENT, EVENT_ID, EVENT_TYPE, FORMAT, KIND, LINKS, ORIGIN_TS, RECEIVED_TS, ROOM_ID,
            SENDER, SENDER_TRUST, SEQ);
    private static final KeyTable KINDS = wires(EvidenceKind.values());
    private static final KeyTable TRUSTS = wires(SenderTrust.values());
    /** The raw event's keys that matter: those the checks read or drop, and every key a redaction may keep. */
    private static final List<String> RAW_KEYS = rawKeys();
    private static final KeyTable RAW = new KeyTable(RAW_KEYS);
    private static final int R_ROOM_ID = RAW_KEYS.indexOf("room_id"), R_SENDER = RAW_KEYS.indexOf("sender"),
            R_TYPE = RAW_KEYS.indexOf("type"), R_TS = RAW_KEYS.indexOf("origin_server_ts"), R_EVENT_ID = RAW_KEYS.indexOf("event_id"),
            R_HASHES = RAW_KEYS.indexOf("hashes"), R_CONTENT = RAW_KEYS.indexOf("content"),
            R_SIGNATURES = RAW_KEYS.indexOf("signatures"), R_UNSIGNED = RAW_KEYS.indexOf("unsigned"), R_AGE_TS = RAW_KEYS.indexOf("age_ts");
    private static final byte[] ENCRYPTED = ascii("\"m.room.encrypted\"");
    private static final byte[] SHA256 = ascii("sha256");
    private static final byte[] EMPTY_CONTENT = ascii("\"content\":{}");
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
    private static final int MAX_RAW_MEMBERS = 40;

    private final MessageDigest md = newDigest();
    private final Set<String> goodLinks = new HashSet<>();
    /** Per room version, which of {@link #RAW_KEYS} a redaction keeps. */
    private final Map<String, boolean[]> kept = new HashMap<>();
    private byte[] lastGoodLinks = new byte[0];
    private final int[] raw = new int[4 * MAX_RAW_MEMBERS];
    private final int[] rawKey = new int[MAX_RAW_MEMBERS];
    private final byte[] eventIdHash = new byte[43];
    private final byte[] hashText = new byte[43];
    /** The last digest, overwritten by the next. */
    private final byte[] digest = new byte[32];
    private final SmallStrings versions = new SmallStrings();
    private final SmallStrings types = new SmallStrings();
    private int runFrom;
    private int runTo;

    /** The record's sequence number, after a check that passed. */
    long seq;
    /** True when the record of the passed check has a raw event (which was checked). */
    boolean hasRawEvent;

    // The record's fields, as spans of the line (strings with their quotes).
    private int contentFrom, contentTo, eventIdFrom, eventIdTo, eventTypeFrom, eventTypeTo, roomIdFrom, roomIdTo,
            senderFrom, senderTo, versionFrom, versionTo;
    private long originTs;
    private int rawMembers;

    /** True when the line {@code b[from, to)} passes. */
    boolean check(byte[] b, int from, int to) {
        return checkObject(b, from, to) == to;
    }

    /**
     * Checks the record that starts at {@code from} and lies before {@code limit}; returns where it ends, or -1
     * when it does not pass.
     */
    int checkObject(byte[] b, int from, int limit) {
        int to = limit;
        hasRawEvent = false;
        contentFrom = 0;
        contentTo = 0;
        rawMembers = -1;
        versionFrom = 0;
        versionTo = 0;
        int present = 0;
        Members m = new Members(b, from, to, 0);
        int field = -1;
        while (m.nextKeyAnyOrder()) {
            // Looking past the previous field checks the order too: the table is in canonical order.
            field = FIELDS.indexOf(b, m.keyFrom, m.keyTo, field + 1);
            if (field < 0) {
                return -1;
            }
            int v = m.valueFrom;
            int end = field == RAW_EVENT ? rawEvent(b, v, to, m.valueDepth()) : CanonicalJsonScanner.value(b, v, to, m.valueDepth());
            if (end < 0 || !field(field, b, v, end)) {
                return -1;
            }
            present |= 1 << field;
            if (!m.endValue(end)) {
                return -1;
            }
        }
        if (m.end() < 0 || (present & ALL_REQUIRED) != ALL_REQUIRED) {
            return -1;
        }
        hasRawEvent = (present & (1 << RAW_EVENT)) != 0;
        return !hasRawEvent || eventMatches(b) ? m.end() : -1;
    }

    /** Checks one field's value {@code b[v, end)} as the record format reads and writes it, noting what later checks read. */
    private boolean field(int field, byte[] b, int v, int end) {
        switch (field) {
            case CONTENT -> {
                contentFrom = v;
                contentTo = end;
                return b[v] == '{';
            }
            case EVENT_ID -> {
                eventIdFrom = v;
                eventIdTo = end;
                return b[v] == '"';
            }
            case EVENT_TYPE -> {
                eventTypeFrom = v;
                eventTypeTo = end;
                // Encrypted records are checked by parsing: the Megolm check reads them again.
                return b[v] == '"' && !Arrays.equals(b, v, end, ENCRYPTED, 0, ENCRYPTED.length);
            }
            case FORMAT -> {
                return end == v + 1 && b[v] == '1';
            }
            case KIND -> {
                return KINDS.indexOfString(b, v, end) >= 0;
            }
            case LINKS -> {
                return b[v] == '{' && links(b, v, end);
            }
            case NOTE, SENDER_DEVICE -> {
                return b[v] == '"';
            }
            case ORIGIN_TS -> {
                originTs = integer(b, v, end);
                return isInteger(b[v]);
            }
            case RECEIVED_TS -> {
                return isInteger(b[v]);
            }
            case ROOM_ID -> {
                roomIdFrom = v;
                roomIdTo = end;
                return b[v] == '"';
            }
            case ROOM_VERSION -> {
                versionFrom = v;
                versionTo = end;
                return b[v] == '"';
            }
            case SENDER -> {
                senderFrom = v;
                senderTo = end;
                return b[v] == '"';
            }
            case SENDER_TRUST -> {
                return TRUSTS.indexOfString(b, v, end) >= 0;
            }
            case SEQ -> {
                seq = integer(b, v, end);
                return isInteger(b[v]);
            }
            case RAW_EVENT -> {
                return true;
            }
            default -> {
                // Decrypted content belongs to encrypted records; other names are not fields of the record format.
                return false;
            }
        }
    }

    /** Checks the raw event's members, noting their spans; returns its end, or -1 to leave the line to the parsing checks. */
    private int rawEvent(byte[] b, int v, int to, int depth) {
        Members m = new Members(b, v, to, depth);
        int n = 0;
        int known = -1;
        boolean afterUnknown = false;
        while (m.nextKeyAnyOrder()) {
            if (n == MAX_RAW_MEMBERS) {
                return -1;
            }
            // A key of the table found past the previous one ascends from it; any other key is compared.
            int key = RAW.indexOf(b, m.keyFrom, m.keyTo, known + 1);
            if ((key < 0 || afterUnknown) && !m.keyAscends()) {
                return -1;
            }
            // Keys ascending pair by pair ascend throughout: a key of the table that ascends is found past the last.
            afterUnknown = key < 0;
            if (key >= 0) {
                known = key;
            }
            if (!m.endValue(key == R_CONTENT && sameAsContent(b, m.valueFrom, to) ? m.valueFrom + contentTo - contentFrom
                    : CanonicalJsonScanner.value(b, m.valueFrom, to, m.valueDepth()))) {
                return -1;
            }
            rawKey[n] = key;
            raw[4 * n] = m.keyFrom;
            raw[4 * n + 1] = m.keyTo;
            raw[4 * n + 2] = m.valueFrom;
            raw[4 * n + 3] = m.valueTo;
            n++;
        }
        rawMembers = n;
        return m.end();
    }

    /**
     * True when the bytes at {@code v} start with the record's content, already checked: the raw event's content is
     * then not scanned again (a content that is not exactly the record's makes the event check fail anyway).
     */
    private boolean sameAsContent(byte[] b, int v, int to) {
        int length = contentTo - contentFrom;
        return contentTo > contentFrom && v + length < to && Arrays.equals(b, v, v + length, b, contentFrom, contentTo);
    }

    /** The checks of {@link EventHashCheck} for an event whose redaction empties its content. */
    private boolean eventMatches(byte[] b) {
        if (versionTo == 0) {
            return false;
        }
        String version = versions.of(b, versionFrom, versionTo);
        if (version == null || !EventRedaction.supports(version)) {
            return false;
        }
        int roomId = -1, sender = -1, type = -1, ts = -1, eventId = -1, hashes = -1, content = -1;
        for (int k = 0; k < rawMembers; k++) {
            int key = rawKey[k];
            if (key == R_ROOM_ID) {
                roomId = k;
            } else if (key == R_SENDER) {
                sender = k;
            } else if (key == R_TYPE) {
                type = k;
            } else if (key == R_TS) {
                ts = k;
            } else if (key == R_EVENT_ID) {
                eventId = k;
            } else if (key == R_HASHES) {
                hashes = k;
            } else if (key == R_CONTENT) {
                content = k;
            }
        }
        if (roomId < 0 || sender < 0 || type < 0 || ts < 0 || hashes < 0 || content < 0
                || !sameValue(b, roomId, roomIdFrom, roomIdTo) || !sameValue(b, sender, senderFrom, senderTo)
                || !sameValue(b, type, eventTypeFrom, eventTypeTo) || (eventId >= 0 && !sameValue(b, eventId, eventIdFrom, eventIdTo))
                || !isInteger(b[raw[4 * ts + 2]]) || integer(b, raw[4 * ts + 2], raw[4 * ts + 3]) != originTs
                || !sameValue(b, content, contentFrom, contentTo)) {
            return false;
        }
        String typeName = types.of(b, raw[4 * type + 2], raw[4 * type + 3]);
        if (typeName == null || !EventRedaction.emptiesContent(typeName, version)) {
            return false;
        }
        return referenceHashIsEventId(b, kept.computeIfAbsent(version, FastRecordLine::keptKeys)) && contentHashMatches(b, hashes);
    }

    private boolean referenceHashIsEventId(byte[] b, boolean[] kept) {
        startDigest();
        for (int k = 0; k < rawMembers; k++) {
            int key = rawKey[k];
            if (key < 0 || key == R_SIGNATURES || key == R_EVENT_ID || !kept[key]) {
                continue;
            }
            if (key == R_CONTENT) {
                flushRun(b);
                md.update((byte) (runFrom == -2 ? '{' : ','));
                md.update(EMPTY_CONTENT);
                runFrom = -1;
            } else {
                member(b, k);
            }
        }
        byte[] hash = finishDigest(b);
        // The event id is "$" and the unpadded URL-safe base64 of the hash: 43 characters.
        return eventIdTo - eventIdFrom == 46 && b[eventIdFrom + 1] == '$'
                && URL_SAFE.encode(hash, eventIdHash) == 43 && Arrays.equals(b, eventIdFrom + 2, eventIdTo - 1, eventIdHash, 0, 43);
    }

    private boolean contentHashMatches(byte[] b, int hashes) {
        int claimed = claimedSha256(b, raw[4 * hashes + 2], raw[4 * hashes + 3]);
        if (claimed < 0) {
            return false;
        }
        startDigest();
        for (int k = 0; k < rawMembers; k++) {
            int key = rawKey[k];
            if (key != R_UNSIGNED && key != R_SIGNATURES && key != R_HASHES && key != R_EVENT_ID && key != R_AGE_TS) {
                member(b, k);
            }
        }
        // Compared as text: the claim passes here when it is the unpadded base64 of the hash, as servers write it.
        return BASE64.encode(finishDigest(b), hashText) == 43 && Arrays.equals(b, claimed, claimed + 43, hashText, 0, 43);
    }

    // The digests take the kept members of the canonical event; members next to each other in the line are passed
    // as one run of bytes, commas included. runFrom is -2 before the first member and -1 between runs.
    private void startDigest() {
        md.reset();
        runFrom = -2;
    }

    private void member(byte[] b, int k) {
        int from = raw[4 * k] - 1;
        int to = raw[4 * k + 3];
        if (runFrom >= 0 && from == runTo + 1) {
            runTo = to;
            return;
        }
        flushRun(b);
        if (runFrom == -2) {
            md.update((byte) '{');
        } else {
            md.update((byte) ',');
        }
        runFrom = from;
        runTo = to;
    }

    private void flushRun(byte[] b) {
        if (runFrom >= 0) {
            md.update(b, runFrom, runTo - runFrom);
        }
    }

    private byte[] finishDigest(byte[] b) {
        flushRun(b);
        if (runFrom == -2) {
            md.update((byte) '{');
        }
        md.update((byte) '}');
        try {
            md.digest(digest, 0, digest.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        return digest;
    }

    /**
     * Where the 43 characters of the {@code sha256} of the raw event's {@code hashes} object start, or -1 when it
     * has none of that length.
     */
    private static int claimedSha256(byte[] b, int from, int to) {
        Members m = new Members(b, from, to, 2);
        while (m.next()) {
            if (m.keyIs(SHA256)) {
                return m.valueTo - m.valueFrom == 45 && b[m.valueFrom] == '"' ? m.valueFrom + 1 : -1;
            }
        }
        return -1;
    }

    /** True when {@code links} is what the record format writes for the links it holds. */
    private boolean links(byte[] b, int from, int to) {
        if (Arrays.equals(b, from, to, lastGoodLinks, 0, lastGoodLinks.length)) {
            return true;
        }
        String text = new String(b, from, to - from, StandardCharsets.UTF_8);
        boolean ok = goodLinks.contains(text) || RecordCodec.isLinksAsWritten(b, from, to);
        if (ok) {
            lastGoodLinks = Arrays.copyOfRange(b, from, to);
            if (goodLinks.size() < 4096) {
                goodLinks.add(text);
            }
        }
        return ok;
    }

    private boolean sameValue(byte[] b, int k, int from, int to) {
        return Arrays.equals(b, raw[4 * k + 2], raw[4 * k + 3], b, from, to);
    }

    private static long integer(byte[] b, int from, int to) {
        return isInteger(b[from]) ? CanonicalJsonScanner.parseInteger(b, from, to) : 0;
    }

    private static boolean isInteger(byte c) {
        return c == '-' || (c >= '0' && c <= '9');
    }

    private static int bits(int... fields) {
        int bits = 0;
        for (int f : fields) {
            bits |= 1 << f;
        }
        return bits;
    }

    private static KeyTable wires(Enum<?>[] values) {
        return new KeyTable(Arrays.stream(values).map(e -> e.name().toLowerCase(Locale.ROOT)).sorted().toList());
    }

    private static List<String> rawKeys() {
        Set<String> keys = new TreeSet<>(List.of("room_id", "sender", "type", "origin_server_ts", "event_id", "hashes", "content",
                "signatures", "unsigned", "age_ts"));
        keys.addAll(EventRedaction.topLevelKeys("10"));
        keys.addAll(EventRedaction.topLevelKeys("11"));
        return List.copyOf(keys);
    }

    private static boolean[] keptKeys(String version) {
        Set<String> kept = EventRedaction.topLevelKeys(version);
        boolean[] keep = new boolean[RAW_KEYS.size()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = kept.contains(RAW_KEYS.get(i));
        }
        return keep;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * The text of short canonical strings that repeat from line to line (room versions, event types), made once:
     * the last one is kept with its bytes. Gives null for a string with escapes, which no name has.
     */
    private static final class SmallStrings {
        private byte[] lastBytes = new byte[0];
        private String last;

        String of(byte[] b, int from, int to) {
            if (Arrays.equals(b, from, to, lastBytes, 0, lastBytes.length)) {
                return last;
            }
            for (int i = from + 1; i < to - 1; i++) {
                if (b[i] == '\\') {
                    return null;
                }
            }
            lastBytes = Arrays.copyOfRange(b, from, to);
            last = new String(b, from + 1, to - from - 2, StandardCharsets.UTF_8);
            return last;
        }
    }
}
