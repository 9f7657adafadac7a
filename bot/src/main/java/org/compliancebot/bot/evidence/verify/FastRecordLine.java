package org.compliancebot.bot.evidence.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
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
    private static final Set<String> KINDS = wires(EvidenceKind.values());
    private static final Set<String> TRUSTS = wires(SenderTrust.values());
    private static final byte[] ENCRYPTED = ascii("\"m.room.encrypted\"");
    private static final byte[] SHA256 = ascii("sha256");
    private static final byte[] EMPTY_CONTENT = ascii("\"content\":{}");
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private final MessageDigest md = newDigest();
    private final Set<String> goodLinks = new HashSet<>();
    private final int[] raw = new int[4 * 40];

    /** The record's sequence number, after a check that passed. */
    long seq;
    /** True when the record of the passed check has a raw event (which was checked). */
    boolean hasRawEvent;

    // The record's fields, as spans of the line (strings with their quotes).
    private int contentFrom, contentTo, eventIdFrom, eventIdTo, eventTypeFrom, eventTypeTo, roomIdFrom, roomIdTo,
            senderFrom, senderTo, versionFrom, versionTo;
    private long originTs;
    private int rawMembers;

    boolean check(byte[] b, int from, int to) {
        hasRawEvent = false;
        rawMembers = -1;
        versionFrom = 0;
        versionTo = 0;
        int required = 0;
        Members m = new Members(b, from, to, 0);
        while (m.nextKey()) {
            String key = new String(b, m.keyFrom, m.keyTo - m.keyFrom, StandardCharsets.ISO_8859_1);
            int v = m.valueFrom;
            int end;
            if (key.equals("raw_event")) {
                end = rawEvent(b, v, to, m.valueDepth());
                hasRawEvent = end > 0;
            } else {
                end = CanonicalJsonScanner.value(b, v, to, m.valueDepth());
                if (end < 0) {
                    return false;
                }
                switch (key) {
                    case "content" -> {
                        contentFrom = v;
                        contentTo = end;
                        required |= is(b[v], '{', 1);
                    }
                    case "decrypted" -> {
                        return false; // Only encrypted records are decrypted; they are checked by parsing.
                    }
                    case "event_id" -> {
                        eventIdFrom = v;
                        eventIdTo = end;
                        required |= is(b[v], '"', 2);
                    }
                    case "event_type" -> {
                        if (Arrays.equals(b, v, end, ENCRYPTED, 0, ENCRYPTED.length)) {
                            return false;
                        }
                        eventTypeFrom = v;
                        eventTypeTo = end;
                        required |= is(b[v], '"', 4);
                    }
                    case "format" -> required |= end == v + 1 && b[v] == '1' ? 8 : 0;
                    case "kind" -> required |= KINDS.contains(text(b, v, end)) ? 16 : 0;
                    case "links" -> required |= b[v] == '{' && links(b, v, end) ? 32 : 0;
                    case "note", "sender_device" -> {
                        if (b[v] != '"') {
                            return false;
                        }
                    }
                    case "origin_server_ts" -> {
                        if (!isInteger(b[v])) {
                            return false;
                        }
                        originTs = CanonicalJsonScanner.parseInteger(b, v, end);
                        required |= 64;
                    }
                    case "received_ts" -> required |= isInteger(b[v]) ? 128 : 0;
                    case "room_id" -> {
                        roomIdFrom = v;
                        roomIdTo = end;
                        required |= is(b[v], '"', 256);
                    }
                    case "room_version" -> {
                        if (b[v] != '"') {
                            return false;
                        }
                        versionFrom = v;
                        versionTo = end;
                    }
                    case "sender" -> {
                        senderFrom = v;
                        senderTo = end;
                        required |= is(b[v], '"', 512);
                    }
                    case "sender_trust" -> required |= TRUSTS.contains(text(b, v, end)) ? 1024 : 0;
                    case "seq" -> {
                        if (!isInteger(b[v])) {
                            return false;
                        }
                        seq = CanonicalJsonScanner.parseInteger(b, v, end);
                        required |= 2048;
                    }
                    default -> {
                        return false; // Not a field of the record format: the parsing checks say what is wrong.
                    }
                }
            }
            if (!m.endValue(end)) {
                return false;
            }
        }
        if (m.end() != to || required != 4095) {
            return false;
        }
        return !hasRawEvent || eventMatches(b);
    }

    /** Checks the raw event's members, noting their spans; returns its end, or -1 to leave the line to the parsing checks. */
    private int rawEvent(byte[] b, int v, int to, int depth) {
        Members m = new Members(b, v, to, depth);
        int n = 0;
        while (m.next()) {
            if (n == raw.length) {
                return -1;
            }
            raw[n++] = m.keyFrom;
            raw[n++] = m.keyTo;
            raw[n++] = m.valueFrom;
            raw[n++] = m.valueTo;
        }
        rawMembers = n / 4;
        return m.end();
    }

    /** The checks of {@link EventHashCheck} for an event whose redaction empties its content. */
    private boolean eventMatches(byte[] b) {
        if (versionTo == 0 || versionFrom >= versionTo) {
            return false;
        }
        String version = text(b, versionFrom, versionTo);
        if (!EventRedaction.supports(version)) {
            return false;
        }
        int roomId = -1, sender = -1, type = -1, ts = -1, eventId = -1, hashes = -1, content = -1;
        for (int k = 0; k < rawMembers; k++) {
            switch (key(b, k)) {
                case "room_id" -> roomId = k;
                case "sender" -> sender = k;
                case "type" -> type = k;
                case "origin_server_ts" -> ts = k;
                case "event_id" -> eventId = k;
                case "hashes" -> hashes = k;
                case "content" -> content = k;
                default -> { }
            }
        }
        if (roomId < 0 || sender < 0 || type < 0 || ts < 0 || hashes < 0 || content < 0
                || !sameValue(b, roomId, roomIdFrom, roomIdTo) || !sameValue(b, sender, senderFrom, senderTo)
                || !sameValue(b, type, eventTypeFrom, eventTypeTo) || (eventId >= 0 && !sameValue(b, eventId, eventIdFrom, eventIdTo))
                || !isInteger(b[raw[4 * ts + 2]]) || CanonicalJsonScanner.parseInteger(b, raw[4 * ts + 2], raw[4 * ts + 3]) != originTs
                || !EventRedaction.emptiesContent(text(b, raw[4 * type + 2], raw[4 * type + 3]), version)
                || !sameValue(b, content, contentFrom, contentTo)) {
            return false;
        }
        return referenceHashIsEventId(b, version) && contentHashMatches(b, hashes);
    }

    private boolean referenceHashIsEventId(byte[] b, String version) {
        md.reset();
        md.update((byte) '{');
        boolean first = true;
        for (int k = 0; k < rawMembers; k++) {
            String key = key(b, k);
            if (!EventRedaction.keepsTopLevel(key, version) || key.equals("signatures") || key.equals("event_id")) {
                continue;
            }
            if (!first) {
                md.update((byte) ',');
            }
            first = false;
            if (key.equals("content")) {
                md.update(EMPTY_CONTENT);
            } else {
                member(b, k);
            }
        }
        md.update((byte) '}');
        byte[] id = ("\"$" + URL_SAFE.encodeToString(md.digest()) + "\"").getBytes(StandardCharsets.ISO_8859_1);
        return Arrays.equals(b, eventIdFrom, eventIdTo, id, 0, id.length);
    }

    private boolean contentHashMatches(byte[] b, int hashes) {
        byte[] claimed = claimedSha256(b, raw[4 * hashes + 2], raw[4 * hashes + 3]);
        if (claimed == null) {
            return false;
        }
        md.reset();
        md.update((byte) '{');
        boolean first = true;
        for (int k = 0; k < rawMembers; k++) {
            switch (key(b, k)) {
                case "unsigned", "signatures", "hashes", "event_id", "age_ts" -> { }
                default -> {
                    if (!first) {
                        md.update((byte) ',');
                    }
                    first = false;
                    member(b, k);
                }
            }
        }
        md.update((byte) '}');
        return MessageDigest.isEqual(md.digest(), claimed);
    }

    /** The decoded {@code sha256} of the raw event's {@code hashes} object, or null. */
    private static byte[] claimedSha256(byte[] b, int from, int to) {
        Members m = new Members(b, from, to, 2);
        while (m.next()) {
            if (m.keyIs(SHA256) && b[m.valueFrom] == '"') {
                try {
                    return Base64.getDecoder().decode(text(b, m.valueFrom, m.valueTo));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** True when {@code links} is what the record format writes for the links it holds. */
    private boolean links(byte[] b, int from, int to) {
        String text = new String(b, from, to - from, StandardCharsets.UTF_8);
        if (goodLinks.contains(text)) {
            return true;
        }
        boolean ok = RecordCodec.isLinksAsWritten(b, from, to);
        if (ok && goodLinks.size() < 4096) {
            goodLinks.add(text);
        }
        return ok;
    }

    private void member(byte[] b, int k) {
        int keyQuote = raw[4 * k] - 1;
        md.update(b, keyQuote, raw[4 * k + 3] - keyQuote);
    }

    private String key(byte[] b, int k) {
        return new String(b, raw[4 * k], raw[4 * k + 1] - raw[4 * k], StandardCharsets.ISO_8859_1);
    }

    private boolean sameValue(byte[] b, int k, int from, int to) {
        return Arrays.equals(b, raw[4 * k + 2], raw[4 * k + 3], b, from, to);
    }

    /** The text of a canonical string span without escapes (quotes stripped); a string with escapes gives a text no set holds. */
    private static String text(byte[] b, int from, int to) {
        return new String(b, from + 1, Math.max(0, to - from - 2), StandardCharsets.UTF_8);
    }

    private static boolean isInteger(byte c) {
        return c == '-' || (c >= '0' && c <= '9');
    }

    private static int is(byte c, char expected, int bit) {
        return c == expected ? bit : 0;
    }

    private static Set<String> wires(Enum<?>[] values) {
        Set<String> s = new HashSet<>();
        for (Enum<?> e : values) {
            s.add(e.name().toLowerCase(java.util.Locale.ROOT));
        }
        return Set.copyOf(s);
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
}
