package org.compliancebot.testkit.js;

import com.fasterxml.jackson.databind.JsonNode;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Two real matrix-js-sdk clients talk through the shared Synapse. */
@ExtendWith(SynapseExtension.class)
class JsClientTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void membershipAndStateWithoutCrypto(SynapseServer synapse, JsClients js) {
        RegisteredUser alice = synapse.registerUniqueUser("alice");
        RegisteredUser bob = synapse.registerUniqueUser("bob");
        JsClient aliceClient = js.plainClient(synapse, alice);
        JsClient bobClient = js.create("bob");
        bobClient.login(synapse, bob);
        bobClient.start(true);

        String roomId = aliceClient.createRoom("plain talk", List.of(bob.userId()));

        JsEvent invite = bobClient.awaitEvent(JsEvent.inviteTo(roomId), WAIT);
        assertThat(invite.sender()).isEqualTo(alice.userId());
        aliceClient.awaitEvent(joinOf(roomId, bob), WAIT);
        JsonNode name = bobClient.getRoomState(roomId, "m.room.name", "");
        assertThat(name.path("name").asText()).isEqualTo("plain talk");
        assertThat(bobClient.getRoomState(roomId, "m.room.topic", "")).isNull();
        // The server encrypts every room, so even this one, created without asking, is encrypted.
        assertThat(bobClient.getRoomState(roomId, "m.room.encryption", "").path("algorithm").asText())
                .isEqualTo("m.megolm.v1.aes-sha2");
    }

    @Test
    void encryptedMessagesRoundTripWithoutCrossSigning(SynapseServer synapse, JsClients js) {
        RegisteredUser alice = synapse.registerUniqueUser("alice");
        RegisteredUser bob = synapse.registerUniqueUser("bob");
        JsClient aliceClient = cryptoOnlyClient(js, synapse, alice);
        JsClient bobClient = cryptoOnlyClient(js, synapse, bob);
        String roomId = aliceClient.createRoom("no cross-signing", List.of(bob.userId()));
        bobClient.awaitEvent(JsEvent.inviteTo(roomId), WAIT);
        bobClient.joinRoom(roomId);
        aliceClient.awaitEvent(joinOf(roomId, bob), WAIT);

        String sent = aliceClient.sendText(roomId, "hello bob");
        String answer = bobClient.sendText(roomId, "hello alice");

        JsEvent atBob = bobClient.awaitMessage(roomId, "hello bob", WAIT);
        JsEvent atAlice = aliceClient.awaitMessage(roomId, "hello alice", WAIT);
        assertThat(atBob.eventId()).isEqualTo(sent);
        assertThat(atBob.isDecrypted()).isTrue();
        assertThat(atAlice.eventId()).isEqualTo(answer);
        assertThat(atAlice.isDecrypted()).isTrue();
        assertThat(aliceClient.events()).noneMatch(e -> sent.equals(e.eventId()));
        assertThat(aliceClient.getUserDeviceVerification(bob.userId(), bobClient.deviceId()).signedByOwner()).isFalse();
    }

    @Test
    void onlySignedIsolationRejectsAnUnsignedSender(SynapseServer synapse, JsClients js) {
        RegisteredUser alice = synapse.registerUniqueUser("alice");
        RegisteredUser bob = synapse.registerUniqueUser("bob");
        JsClient aliceClient = cryptoOnlyClient(js, synapse, alice);
        JsClient bobClient = js.encryptedClient(synapse, bob, true);
        bobClient.setDeviceIsolation(DeviceIsolation.ONLY_SIGNED);
        String roomId = aliceClient.createRoom("isolation", List.of(bob.userId()));
        aliceClient.awaitEvent(joinOf(roomId, bob), WAIT);

        String sent = aliceClient.sendText(roomId, "from an unsigned device");

        JsEvent atBob = bobClient.awaitEvent(e -> sent.equals(e.eventId()), WAIT);
        assertThat(atBob.encrypted()).isTrue();
        assertThat(atBob.decryptionError()).isEqualTo("UNSIGNED_SENDER_DEVICE");
        assertThat(atBob.type()).isEqualTo("m.room.encrypted");
        assertThat(atBob.content().path("algorithm").asText()).isEqualTo("m.megolm.v1.aes-sha2");
        assertThat(atBob.body()).isNull();
    }

    @Test
    void encryptedMessagesRoundTripBetweenCrossSignedDevices(SynapseServer synapse, JsClients js) {
        RegisteredUser alice = synapse.registerUniqueUser("alice");
        RegisteredUser bob = synapse.registerUniqueUser("bob");
        JsClient aliceClient = js.encryptedClient(synapse, alice);
        JsClient bobClient = js.encryptedClient(synapse, bob, true);
        aliceClient.setDeviceIsolation(DeviceIsolation.ONLY_SIGNED);
        bobClient.setDeviceIsolation(DeviceIsolation.ONLY_SIGNED);

        String roomId = aliceClient.createRoom("secret talk", List.of(bob.userId()));
        aliceClient.awaitEvent(joinOf(roomId, bob), WAIT);
        assertThat(aliceClient.isRoomEncrypted(roomId)).isTrue();

        DeviceVerification bobsDevice = aliceClient.awaitDeviceSignedByOwner(bob.userId(), bobClient.deviceId(), WAIT);
        assertThat(bobsDevice.known()).isTrue();
        assertThat(bobsDevice.signedByOwner()).isTrue();
        DeviceVerification alicesDevice = bobClient.awaitDeviceSignedByOwner(alice.userId(), aliceClient.deviceId(), WAIT);
        assertThat(alicesDevice.signedByOwner()).isTrue();

        String sent = aliceClient.sendText(roomId, "the change is approved upstream");
        JsEvent received = bobClient.awaitMessage(roomId, "the change is approved upstream", WAIT);

        assertThat(received.eventId()).isEqualTo(sent);
        assertThat(received.sender()).isEqualTo(alice.userId());
        assertThat(received.encrypted()).isTrue();
        assertThat(received.isDecrypted()).isTrue();

        String reply = bobClient.sendReply(roomId, sent, "APPROVED");
        JsEvent replyAtAlice = aliceClient.awaitMessage(roomId, "APPROVED", WAIT);
        assertThat(replyAtAlice.eventId()).isEqualTo(reply);
        assertThat(replyAtAlice.content().at("/m.relates_to/m.in_reply_to/event_id").asText()).isEqualTo(sent);
        assertThat(replyAtAlice.isDecrypted()).isTrue();
    }

    @Test
    void relationsAndStateFromTheJsClient(SynapseServer synapse, JsClients js) {
        RegisteredUser alice = synapse.registerUniqueUser("alice");
        RegisteredUser bob = synapse.registerUniqueUser("bob");
        JsClient aliceClient = js.encryptedClient(synapse, alice);
        JsClient bobClient = js.encryptedClient(synapse, bob, true);
        String roomId = aliceClient.createRoom("relations", List.of(bob.userId()));
        aliceClient.awaitEvent(joinOf(roomId, bob), WAIT);

        String root = aliceClient.sendHtml(roomId, "report", "<b>report</b>");
        bobClient.awaitMessage(roomId, "report", WAIT);
        String inThread = bobClient.sendThreadReply(roomId, root, "in the thread");
        String edit = aliceClient.edit(roomId, root, "report v2");
        String reaction = bobClient.react(roomId, root, "👍");
        String quoted = bobClient.sendReply(roomId, root, "seen", true);
        String redaction = aliceClient.redact(roomId, edit, "typo");
        aliceClient.sendStateEvent(roomId, "m.room.topic", "", Map.of("topic", "incident 42"));

        JsEvent thread = aliceClient.awaitMessage(roomId, "in the thread", WAIT);
        assertThat(thread.eventId()).isEqualTo(inThread);
        assertThat(thread.content().at("/m.relates_to/rel_type").asText()).isEqualTo("m.thread");
        assertThat(thread.content().at("/m.relates_to/event_id").asText()).isEqualTo(root);
        JsEvent editSeen = bobClient.awaitMessage(roomId, "* report v2", WAIT);
        assertThat(editSeen.eventId()).isEqualTo(edit);
        assertThat(editSeen.content().at("/m.new_content/body").asText()).isEqualTo("report v2");
        JsEvent reactionSeen = aliceClient.awaitEvent(e -> reaction.equals(e.eventId()), WAIT);
        assertThat(reactionSeen.type()).isEqualTo("m.reaction");
        assertThat(reactionSeen.content().at("/m.relates_to/key").asText()).isEqualTo("👍");
        JsEvent quotedSeen = aliceClient.awaitEvent(e -> quoted.equals(e.eventId()), WAIT);
        assertThat(quotedSeen.body()).startsWith("> <" + alice.userId() + "> report").endsWith("\n\nseen");
        JsEvent redactionSeen = bobClient.awaitEvent(e -> redaction.equals(e.eventId()), WAIT);
        assertThat(redactionSeen.type()).isEqualTo("m.room.redaction");
        assertThat(bobClient.getRoomState(roomId, "m.room.topic", "").path("topic").asText()).isEqualTo("incident 42");
    }

    private static JsClient cryptoOnlyClient(JsClients js, SynapseServer synapse, RegisteredUser user) {
        JsClient client = js.create(user.localpart());
        client.login(synapse, user);
        client.initCrypto();
        client.start(false);
        return client;
    }

    private static Predicate<JsEvent> joinOf(String roomId, RegisteredUser user) {
        return e -> JsEvent.ofType(roomId, "m.room.member").test(e) && user.userId().equals(e.sender())
                && "join".equals(e.content().path("membership").asText());
    }
}
