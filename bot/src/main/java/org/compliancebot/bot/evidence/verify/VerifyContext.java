package org.compliancebot.bot.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.compliancebot.bot.evidence.MerkleHashing;
import org.compliancebot.bot.evidence.EvidenceRecord;
import org.compliancebot.bot.evidence.TreeHead;
import org.compliancebot.bridge.crypto.primitives.Ed25519PublicKey;

/**
 * What the checks share: the packet, the key and head once checked, and the parsed records that later checks
 * read (the encrypted ones, once the records check has checked every event).
 */
public final class VerifyContext {
    final ObjectMapper mapper = new ObjectMapper();
    final Packet packet;
    /** A key the auditor expects (from the published documentation), or null. */
    final String expectedKey;
    Ed25519PublicKey key;
    TreeHead head;
    final List<EvidenceRecord> records = new ArrayList<>();
    /**
     * Per line of records.jsonl, what checking its raw event found ({@link EventHashCheck.Outcome} or the
     * {@link CheckFailure}) when the records check did that already; else null, and the events of
     * {@link #records} are checked.
     */
    Object[] eventOutcomes;
    /** The SHA-256 of every file, computed in the background from the start, for the manifest check. */
    final Map<String, Future<byte[]>> fileDigests = new HashMap<>();

    public VerifyContext(Packet packet, String expectedKey) {
        this.packet = packet;
        this.expectedKey = expectedKey;
        // Largest first: the big files take longest and overlap with the record checks.
        packet.files().entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue().length, a.getValue().length))
                .forEach(e -> fileDigests.put(e.getKey(), VerifyPool.background(() -> MerkleHashing.sha256(e.getValue()))));
    }

    /** The SHA-256 of a file of the packet. */
    byte[] digest(String file) {
        return VerifyPool.join(fileDigests.get(file));
    }

    JsonNode json(String file) throws CheckFailure {
        byte[] bytes = packet.require(file);
        try {
            JsonNode n = mapper.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new CheckFailure(file, "is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new CheckFailure(file, "is not valid JSON (" + firstLine(e) + ")");
        }
    }

    JsonNode jsonLine(String file, int line, byte[] bytes) throws CheckFailure {
        try {
            JsonNode n = mapper.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new CheckFailure(file + " line " + line, "is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new CheckFailure(file + " line " + line, "is not valid JSON (" + firstLine(e) + ")");
        }
    }

    /** Splits a JSON Lines file into its lines (without the newlines); the file must end with a newline. */
    static List<byte[]> lines(String file, byte[] data) throws CheckFailure {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                byte[] line = java.util.Arrays.copyOfRange(data, start, i);
                if (line.length == 0) {
                    throw new CheckFailure(file + " line " + (out.size() + 1), "is empty");
                }
                out.add(line);
                start = i + 1;
            }
        }
        if (start != data.length) {
            throw new CheckFailure(file + " line " + (out.size() + 1), "does not end with a newline");
        }
        return out;
    }

    private static String firstLine(IOException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    public List<EvidenceRecord> records() {
        return records;
    }
}
