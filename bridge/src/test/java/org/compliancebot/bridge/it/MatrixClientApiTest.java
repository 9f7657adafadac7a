package org.compliancebot.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.compliancebot.bridge.api.CreateRoomRequest;
import org.compliancebot.bridge.api.Direction;
import org.compliancebot.bridge.api.ErrCode;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MatrixException;
import org.compliancebot.bridge.api.MessagesPage;
import org.compliancebot.bridge.api.Session;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomAlias;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every typed call of the client against the real Synapse. */
@ExtendWith(SynapseExtension.class)
class MatrixClientApiTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private MatrixClient signIn(SynapseServer server, RegisteredUser user, String device) {
        MatrixClient c = MatrixClient.create(server.baseUrl());
        Session s = c.login(UserId.of(user.userId()), user.password(), DeviceId.of(device), "test device");
        assertThat(s.deviceId().value()).isEqualTo(device);
        return c;
    }

    private ObjectNode text(String body) {
        return mapper.createObjectNode().put("msgtype", "m.text").put("body", body);
    }

    @Test
    void roomsStateMembershipAndHistory(SynapseServer server) {
        RegisteredUser a = server.registerUniqueUser("api-a");
        RegisteredUser b = server.registerUniqueUser("api-b");
        MatrixClient alice = signIn(server, a, "ALICEDEV");
        MatrixClient bob = signIn(server, b, "BOBDEV");
        assertThat(alice.whoami().value()).isEqualTo(a.userId());
        // Logging in again on the same device id keeps the device.
        assertThat(signIn(server, a, "ALICEDEV").session().deviceId().value()).isEqualTo("ALICEDEV");

        String aliasName = "api-" + System.nanoTime();
        ObjectNode federate = mapper.createObjectNode().put("m.federate", false);
        ObjectNode powerLevels = mapper.createObjectNode().put("events_default", 0);
        RoomId room = alice.createRoom(CreateRoomRequest.builder().preset("private_chat").name("API room").topic("topic")
                .roomAliasName(aliasName).creationContent(federate).powerLevelContentOverride(powerLevels)
                .initialState("m.room.guest_access", "", mapper.createObjectNode().put("guest_access", "forbidden"))
                .invite(b.userId()).build());
        assertThat(alice.resolveAlias(RoomAlias.of("#" + aliasName + ":" + server.serverName()))).contains(room);
        assertThat(alice.resolveAlias(RoomAlias.of("#nope-" + aliasName + ":" + server.serverName()))).isEmpty();
        assertThat(bob.join(room.value())).isEqualTo(room);
        assertThat(alice.joinedMembers(room)).extracting(UserId::value).containsExactlyInAnyOrder(a.userId(), b.userId());
        assertThat(bob.joinedRooms()).contains(room);

        assertThat(alice.getState(room, "m.room.name", "")).map(n -> n.path("name").asText()).contains("API room");
        assertThat(alice.getState(room, "m.room.create", "")).map(n -> n.path("m.federate").asBoolean(true)).contains(false);
        assertThat(alice.getState(room, "m.room.guest_access", "")).map(n -> n.path("guest_access").asText()).contains("forbidden");
        assertThat(alice.getState(room, "org.example.none", "")).isEmpty();
        alice.putState(room, "m.room.topic", "", mapper.createObjectNode().put("topic", "changed"));
        assertThat(alice.getState(room, "m.room.topic", "")).map(n -> n.path("topic").asText()).contains("changed");
        assertThat(alice.allState(room).isArray()).isTrue();

        List<EventId> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sent.add(alice.sendEvent(room, "m.room.message", text("msg " + i), "txn-" + i));
        }
        // The same transaction id again returns the same event.
        assertThat(alice.sendEvent(room, "m.room.message", text("msg 0"), "txn-0")).isEqualTo(sent.get(0));

        // Paging backwards to the beginning: the end is marked by a missing `end`.
        List<String> bodies = new ArrayList<>();
        String from = null;
        int pages = 0;
        MessagesPage page;
        do {
            page = alice.messages(room, from, Direction.BACKWARD, 7, null);
            page.chunk().forEach(e -> {
                if ("m.room.message".equals(e.path("type").asText())) {
                    bodies.add(e.path("content").path("body").asText());
                }
            });
            from = page.end();
            pages++;
        } while (page.hasMore() && pages < 100);
        assertThat(page.hasMore()).isFalse();
        assertThat(bodies).hasSize(25).first().isEqualTo("msg 24");

        JsonNode ctx = alice.context(room, sent.get(10), 2);
        assertThat(ctx.path("event").path("event_id").asText()).isEqualTo(sent.get(10).value());
        assertThat(alice.event(room, sent.get(3)).path("content").path("body").asText()).isEqualTo("msg 3");

        ObjectNode reaction = mapper.createObjectNode();
        reaction.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", sent.get(5).value()).put("key", "📌");
        EventId reactionId = bob.sendEvent(room, "m.reaction", reaction, "r1");
        JsonNode rel = alice.relations(room, sent.get(5), "m.annotation", null, null);
        assertThat(rel.path("chunk").get(0).path("event_id").asText()).isEqualTo(reactionId.value());

        alice.redact(room, sent.get(6), "test", "red-1");
        assertThat(alice.event(room, sent.get(6)).path("content").isEmpty()).isTrue();

        alice.kick(room, UserId.of(b.userId()), "bye");
        assertThatThrownBy(() -> bob.sendEvent(room, "m.room.message", text("after kick"), "k1"))
                .isInstanceOfSatisfying(MatrixException.class, e -> assertThat(e.errCode()).isEqualTo(ErrCode.M_FORBIDDEN));
        alice.invite(room, UserId.of(b.userId()), "back");
        bob.join(room.value());
        bob.leave(room);
        assertThat(alice.joinedMembers(room)).extracting(UserId::value).containsExactly(a.userId());
    }

    @Test
    void aBadPasswordIsForbiddenAndNotRetried(SynapseServer server) {
        RegisteredUser a = server.registerUniqueUser("api-bad");
        MatrixClient c = MatrixClient.create(server.baseUrl());
        assertThatThrownBy(() -> c.login(UserId.of(a.userId()), "wrong", DeviceId.of("X"), null))
                .isInstanceOfSatisfying(MatrixException.class, e -> {
                    assertThat(e.errCode()).isEqualTo(ErrCode.M_FORBIDDEN);
                    assertThat(e.httpStatus()).isEqualTo(403);
                });
    }
}
