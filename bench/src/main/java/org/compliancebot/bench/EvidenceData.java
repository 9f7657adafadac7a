package org.compliancebot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.evidence.EventHashes;
import org.compliancebot.bot.evidence.EventRecords;
import org.compliancebot.bot.evidence.EvidenceLinks;
import org.compliancebot.bot.evidence.EvidenceRecord;

/** Evidence records of realistic shape: federation-format room messages with valid hashes, about 1 KB each. */
final class EvidenceData {
    static final String ROOM = "!bench:localhost";
    private EvidenceData() {}

    static List<EvidenceRecord> records(int n) {
        ObjectMapper mapper = new ObjectMapper();
        List<EvidenceRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ObjectNode e = mapper.createObjectNode();
            e.put("type", "m.room.message").put("room_id", ROOM).put("sender", "@alice:localhost")
                    .put("origin_server_ts", 1_760_000_000_000L + i).put("depth", i + 1);
            e.putObject("content").put("msgtype", "m.text")
                    .put("body", "Status update " + i + ": rolled out the access control change per ISO27001-9.4.3, all checks green");
            e.putArray("auth_events").add("$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").add("$bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
            e.putArray("prev_events").add("$ccccccccccccccccccccccccccccccccccccccccccc");
            e.putObject("hashes").put("sha256", Base64.getEncoder().withoutPadding().encodeToString(EventHashes.contentHash(e, "10")));
            e.putObject("signatures").putObject("localhost").put("ed25519:a_bcde",
                    "fGHQ7Tk3ecBnGF3A85o2zny756yFdE/dkTaty0nYJQTZlSDnmx5S3DaYdVzfoqzQtfP0moyW3B79zzRf7lDECA");
            e.put("event_id", EventHashes.eventId(e, "10"));
            out.add(EventRecords.fromRawEvent(e, ROOM, "10", 1_760_000_000_500L + i, Optional.empty(), EvidenceLinks.none()));
        }
        return out;
    }
}
