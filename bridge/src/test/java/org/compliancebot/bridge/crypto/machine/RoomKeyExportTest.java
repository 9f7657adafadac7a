package org.compliancebot.bridge.crypto.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.compliancebot.bridge.crypto.megolm.ExportedSessionKey;
import org.compliancebot.bridge.crypto.megolm.InboundGroupSession;
import org.compliancebot.bridge.crypto.megolm.MegolmDecryptException;
import org.compliancebot.bridge.crypto.megolm.MegolmMessage;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.junit.jupiter.api.Test;

/** Exporting a received Megolm session at a message index, for audit packets. */
class RoomKeyExportTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final InMemoryHomeserver server = new InMemoryHomeserver();
    private final RoomId room = RoomId.of("!room:example.org");

    @Test
    void theExportDecryptsFromTheRequestedIndexOnAndNothingEarlier() throws Exception {
        Party alice = new Party(server, "@alice:example.org", "ALICE", SharingPolicy.CROSS_SIGNED_ONLY, clock).crossSign();
        Party bob = new Party(server, "@bob:example.org", "BOB", SharingPolicy.CROSS_SIGNED_ONLY, clock).crossSign();
        Map<UserId, String> members = Map.of(alice.user, "join", bob.user, "join");
        alice.encryptedRoom(room, members);
        bob.encryptedRoom(room, members);
        RoomEvent first = alice.send(room, "before the evidence");
        RoomEvent second = alice.send(room, "ISO27001-9.4.3 done");
        bob.sync(List.of());
        String sessionId = second.content().path("session_id").asText();
        String aliceKey = alice.machine.identityKeys().curve25519().toBase64();

        ExportedSessionKey export = bob.machine.exportInboundSession(room, sessionId, aliceKey, 1).orElseThrow();

        assertThat(export.sessionId()).isEqualTo(sessionId);
        assertThat(export.messageIndex()).isEqualTo(1);
        InboundGroupSession imported = InboundGroupSession.importSession(export);
        assertThat(new String(imported.decrypt(MegolmMessage.fromBase64(second.content().path("ciphertext").asText())).plaintext(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("ISO27001-9.4.3 done");
        assertThatThrownBy(() -> imported.decrypt(MegolmMessage.fromBase64(first.content().path("ciphertext").asText())))
                .as("the earlier message stays closed").isInstanceOf(MegolmDecryptException.class);
        assertThat(bob.machine.exportInboundSession(room, sessionId, "", 0).orElseThrow().messageIndex())
                .as("without a sender key the session is found by room and id").isZero();
        assertThat(bob.machine.exportInboundSession(room, sessionId, bob.machine.identityKeys().curve25519().toBase64(), 0))
                .as("another device's key").isEmpty();
        assertThat(bob.machine.exportInboundSession(room, "unknown", aliceKey, 0)).isEmpty();
        assertThat(bob.machine.exportInboundSession(RoomId.of("!other:example.org"), sessionId, aliceKey, 0)).isEmpty();
    }
}
