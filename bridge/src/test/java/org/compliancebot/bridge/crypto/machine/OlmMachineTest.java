package org.compliancebot.bridge.crypto.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.compliancebot.bridge.event.RoomEvent;
import org.compliancebot.bridge.id.RoomId;
import org.junit.jupiter.api.Test;

/** Two (or three) machines talking through an in-memory homeserver. */
class OlmMachineTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final InMemoryHomeserver server = new InMemoryHomeserver();
    private final RoomId room = RoomId.of("!room:example.org");

    private Party party(String user, String device, SharingPolicy policy) {
        return new Party(server, user, device, policy, clock);
    }

    private void room(Party... parties) {
        Map<org.compliancebot.bridge.id.UserId, String> members = new java.util.LinkedHashMap<>();
        for (Party p : parties) {
            members.put(p.user, "join");
        }
        for (Party p : parties) {
            p.encryptedRoom(room, members);
        }
    }

    @Test
    void aRoomKeySharedOverOlmDecryptsAndReportsTheCrossSignedSendingDevice() throws Exception {
        Party alice = party("@alice:example.org", "ALICE", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        Party bob = party("@bob:example.org", "BOB", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        room(alice, bob);
        RoomEvent sent = alice.send(room, "hello bob");
        bob.sync(List.of());
        bob.machine.keysQuery().ifPresent(q -> bob.machine.markRequestAsSent(q, server.handle(bob.user, bob.device, q)));

        RoomEvent got = bob.machine.decryptRoomEvent(sent);

        assertThat(got.type()).isEqualTo("m.room.message");
        assertThat(got.body()).isEqualTo("hello bob");
        assertThat(got.raw()).isEqualTo(sent.raw());
        assertThat(got.encryption().senderDevice()).contains(alice.device);
        assertThat(got.encryption().crossSignedByOwner()).isTrue();
        assertThat(got.encryption().senderMasterKey()).isEqualTo(alice.machine.ownMasterKey());
        assertThat(got.encryption().senderEd25519()).isEqualTo(alice.machine.identityKeys().ed25519().toBase64());
        assertThat(got.encryption().isTrusted()).isTrue();
    }

    @Test
    void anEventThatArrivesBeforeItsKeyIsDecryptedWhenTheKeyComes() throws Exception {
        Party alice = party("@alice:example.org", "ALICE", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        Party bob = party("@bob:example.org", "BOB", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        room(alice, bob);
        RoomEvent sent = alice.send(room, "early bird");

        assertThatThrownBy(() -> bob.machine.decryptRoomEvent(sent)).isInstanceOf(RoomDecryptionException.UnknownSession.class);
        assertThat(bob.machine.pendingEventCount()).isEqualTo(1);
        bob.restart(SharingPolicy.CROSS_SIGNED_ONLY, clock);
        assertThat(bob.machine.pendingEventCount()).as("the waiting event survives a restart").isEqualTo(1);

        bob.sync(List.of());
        List<RoomEvent> late = bob.machine.takeLateDecrypted();
        assertThat(late).extracting(RoomEvent::body).containsExactly("early bird");
        assertThat(late.get(0).eventId()).isEqualTo(sent.eventId());
        assertThat(bob.machine.pendingEventCount()).isZero();
    }

    @Test
    void aRelationSentOnlyInTheClearIsCopiedIntoTheContentAndReported() throws Exception {
        Party alice = party("@alice:example.org", "ALICE", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        Party bob = party("@bob:example.org", "BOB", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        room(alice, bob);
        RoomEvent plain = alice.send(room, "original");
        bob.sync(List.of());
        assertThat(bob.machine.decryptRoomEvent(plain).encryption().relationCopied()).isFalse();
        // The ciphertext of a second message, sent as an edit whose relation is only in the clear part.
        var content = alice.send(room, "* fixed typo").content().deepCopy();
        content.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", plain.eventId().value());
        RoomEvent edit = alice.event(room, content, "$edit1");

        RoomEvent got = bob.machine.decryptRoomEvent(edit);

        assertThat(got.content().path("m.relates_to").path("event_id").asText()).isEqualTo(plain.eventId().value());
        assertThat(got.encryption().relationCopied()).isTrue();
    }

    @Test
    void anEventReadFromHistoryDecryptsWithTheHeldSessionsAndIsNotKeptWhenTheKeyIsMissing() throws Exception {
        Party alice = party("@alice:example.org", "ALICE", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        Party bob = party("@bob:example.org", "BOB", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        room(alice, bob);
        RoomEvent sent = alice.send(room, "from the archive");

        assertThatThrownBy(() -> bob.machine.decryptHistoryEvent(sent)).isInstanceOf(RoomDecryptionException.UnknownSession.class);
        assertThat(bob.machine.pendingEventCount()).as("nothing waits for a key").isZero();
        bob.sync(List.of());
        assertThat(bob.machine.takeLateDecrypted()).isEmpty();
        assertThat(bob.machine.decryptHistoryEvent(sent).body()).isEqualTo("from the archive");
        assertThat(bob.machine.decryptHistoryEvent(sent).body()).as("read again: the same event").isEqualTo("from the archive");
    }

    @Test
    void aReplayedMessageIndexInAnotherEventIsRefused() throws Exception {
        Party alice = party("@alice:example.org", "ALICE", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        Party bob = party("@bob:example.org", "BOB", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        room(alice, bob);
        RoomEvent sent = alice.send(room, "approve once");
        bob.sync(List.of());
        assertThat(bob.machine.decryptRoomEvent(sent).body()).isEqualTo("approve once");
        assertThat(bob.machine.decryptRoomEvent(sent).body()).as("the same event again is fine").isEqualTo("approve once");

        RoomEvent replay = alice.event(room, sent.content(), "$replayed");
        assertThatThrownBy(() -> bob.machine.decryptRoomEvent(replay))
                .isInstanceOf(RoomDecryptionException.Refused.class).hasMessageContaining("replay");
        bob.restart(SharingPolicy.CROSS_SIGNED_ONLY, clock);
        assertThatThrownBy(() -> bob.machine.decryptRoomEvent(replay))
                .as("the replay guard survives a restart").isInstanceOf(RoomDecryptionException.Refused.class);
    }

    @Test
    void theRoomKeyRotatesWhenAMemberLeavesAndTheLeaverCannotReadOn() throws Exception {
        Party alice = party("@alice:example.org", "ALICE", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        Party bob = party("@bob:example.org", "BOB", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        Party carol = party("@carol:example.org", "CAROL", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        room(alice, bob, carol);
        RoomEvent first = alice.send(room, "all three");
        carol.sync(List.of());
        assertThat(carol.machine.decryptRoomEvent(first).body()).isEqualTo("all three");

        alice.member(room, carol.user, "leave");
        RoomEvent second = alice.send(room, "without carol");
        assertThat(second.content().path("session_id").asText()).isNotEqualTo(first.content().path("session_id").asText());
        bob.sync(List.of());
        carol.sync(List.of());
        assertThat(bob.machine.decryptRoomEvent(second).body()).isEqualTo("without carol");
        assertThatThrownBy(() -> carol.machine.decryptRoomEvent(second)).isInstanceOf(RoomDecryptionException.UnknownSession.class);
    }

    @Test
    void aDeviceThatIsNotCrossSignedGetsAWithheldNoticeInsteadOfTheKey() throws Exception {
        Party alice = party("@alice:example.org", "ALICE", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        Party bob = party("@bob:example.org", "BOB", SharingPolicy.CROSS_SIGNED_ONLY);
        room(alice, bob);
        RoomEvent sent = alice.send(room, "secret");
        bob.sync(List.of());
        assertThatThrownBy(() -> bob.machine.decryptRoomEvent(sent))
                .isInstanceOfSatisfying(RoomDecryptionException.UnknownSession.class,
                        e -> assertThat(e.withheldCode()).isEqualTo("m.unverified"));
    }

    @Test
    void withAllDevicesAnUnsignedDeviceGetsTheKeyAndIsReportedAsNotCrossSigned() throws Exception {
        Party alice = party("@alice:example.org", "ALICE", SharingPolicy.ALL_DEVICES);
        Party bob = party("@bob:example.org", "BOB", SharingPolicy.ALL_DEVICES);
        room(alice, bob);
        RoomEvent sent = alice.send(room, "to anyone");
        bob.sync(List.of());
        RoomEvent got = bob.machine.decryptRoomEvent(sent);
        assertThat(got.body()).isEqualTo("to anyone");
        assertThat(got.encryption().senderDevice()).contains(alice.device);
        assertThat(got.encryption().crossSignedByOwner()).isFalse();
        assertThat(got.encryption().senderMasterKey()).isEmpty();
        assertThat(got.encryption().isTrusted()).isFalse();
    }

    @Test
    void sessionsContinueAfterBothSidesRestartFromPersistedState() throws Exception {
        Party alice = party("@alice:example.org", "ALICE", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        Party bob = party("@bob:example.org", "BOB", SharingPolicy.CROSS_SIGNED_ONLY).crossSign();
        room(alice, bob);
        RoomEvent one = alice.send(room, "one");
        bob.sync(List.of());
        assertThat(bob.machine.decryptRoomEvent(one).body()).isEqualTo("one");
        alice.restart(SharingPolicy.CROSS_SIGNED_ONLY, clock);
        bob.restart(SharingPolicy.CROSS_SIGNED_ONLY, clock);
        RoomEvent two = alice.send(room, "two");
        assertThat(two.content().path("session_id").asText()).isEqualTo(one.content().path("session_id").asText());
        assertThat(bob.machine.decryptRoomEvent(two).body()).isEqualTo("two");
        RoomEvent reply = bob.send(room, "back");
        alice.sync(List.of());
        assertThat(alice.machine.decryptRoomEvent(reply).body()).isEqualTo("back");
    }

    @Test
    void oneTimeKeysAreToppedUpToHalfTheAccountMaximum() {
        Party alice = party("@alice:example.org", "ALICE", SharingPolicy.CROSS_SIGNED_ONLY);
        assertThat(server.oneTimeKeyCount(alice.user, alice.device)).isEqualTo(50);
        Party bob = party("@bob:example.org", "BOB", SharingPolicy.ALL_DEVICES);
        room(alice, bob);
        bob.send(room, "uses one of alice's keys");
        assertThat(server.oneTimeKeyCount(alice.user, alice.device)).isEqualTo(49);
        alice.sync(List.of());
        assertThat(server.oneTimeKeyCount(alice.user, alice.device)).isEqualTo(50);
    }
}
