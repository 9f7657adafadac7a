package org.compliancebot.bot.incident.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentDetails;
import org.compliancebot.bot.incident.IncidentMetrics;
import org.compliancebot.bot.incident.IncidentStatus;
import org.compliancebot.bot.incident.Invitation;
import org.compliancebot.bot.incident.Severity;
import org.compliancebot.bot.incident.TimelineEntry;
import org.compliancebot.bot.incident.TranscriptRecord;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MatrixException;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat commands end to end on the real Synapse, sent by team members as plain (unencrypted)
 * events through our own client, so that the command wiring is tested independently of end-to-end
 * encryption. The encrypted path, with matrix-js-sdk as the team, is {@link IncidentAcceptanceTest}.
 */
@ExtendWith(SynapseExtension.class)
class IncidentCommandsWiringTest {
    @TempDir
    Path dir;

    private static String send(MatrixClient c, RoomId room, String body) {
        ObjectNode content = c.mapper().createObjectNode().put("msgtype", "m.text").put("body", body);
        return c.sendEvent(room, "m.room.message", content, "t-" + UUID.randomUUID()).value();
    }

    private static String body(JsonNode event) {
        return event.path("content").path("body").asText();
    }

    @Test
    void theTeamWorksAnIncidentFromOpeningToArchive(SynapseServer server) throws Exception {
        try (IncidentBot bot = new IncidentBot(server, dir)) {
            bot.start();
            MatrixClient lead = bot.as(bot.lead);
            MatrixClient cto = bot.as(bot.cto);
            IncidentBot.await("the bot in the command room", IncidentBot.WAIT,
                    () -> bot.botClient().joinedRooms().contains(bot.commandRoom));

            String open = send(lead, bot.commandRoom, "!incident open medium Disk full on db-1\ncontrols: A.5.24, AX-3\n"
                    + "The primary ran out of disk at 03:12.");
            assertThat(body(bot.awaitReply(bot.commandRoom, open))).startsWith("Opened incident-").contains("MEDIUM (P2)");
            Incident recorded = bot.service().list(null).get(0);
            assertThat(recorded.violatedControls()).containsExactly("A.5.24", "AX-3");
            assertThat(recorded.description()).isEqualTo("The primary ran out of disk at 03:12.");
            Incident incident = bot.awaitOpened(recorded.id());
            RoomId room = incident.room().roomId();
            assertThat(bot.service().details(incident.id()).invitations()).extracting(Invitation::user)
                    .extracting(Object::toString).containsExactly(bot.lead.userId());
            lead.join(room.value());

            String raise = send(lead, room, "!severity critical");
            assertThat(body(bot.awaitReply(room, raise))).contains("raised from MEDIUM (P2) to CRITICAL (P0)")
                    .contains(bot.overseer.userId()).contains(bot.cto.userId()).contains(bot.legal.userId());
            IncidentBot.await("the new invitations", IncidentBot.WAIT, () -> bot.service().details(incident.id()).invitations()
                    .stream().allMatch(i -> i.state() == Invitation.State.SENT) && bot.service().details(incident.id()).invitations().size() == 4);
            IncidentBot.await("the topic to follow the severity", IncidentBot.WAIT, () -> bot.botClient()
                    .getState(room, "m.room.topic", "").orElseThrow().path("topic").asText().contains("CRITICAL"));
            cto.join(room.value());
            String cause = send(cto, room, "Found the cause: log rotation stopped");
            ObjectNode reaction = cto.mapper().createObjectNode();
            reaction.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", cause).put("key", "\uD83D\uDCCC");
            lead.sendEvent(room, "m.reaction", reaction, "r-" + UUID.randomUUID());

            String note = send(lead, room, "!timeline Failed over to the replica");
            assertThat(body(bot.awaitReply(room, note))).contains("Added to the timeline");
            String assign = send(lead, room, "!assign " + bot.cto.userId() + " restart log rotation");
            assertThat(body(bot.awaitReply(room, assign))).isEqualTo("Task 1 assigned to " + bot.cto.userId() + ": restart log rotation");
            String check = send(cto, room, "!check 1");
            assertThat(body(bot.awaitReply(room, check))).contains("Root cause identified").contains("1 of 7");
            String status = send(cto, room, "!status");
            assertThat(body(bot.awaitReply(room, status))).contains("CRITICAL (P0)").contains("Tasks:")
                    .contains("restart log rotation").contains("Checklist: 1 of 7 done");

            String ctoClose = send(cto, room, "!close");
            assertThat(body(bot.awaitReply(room, ctoClose))).startsWith("Refused: only the security lead may close")
                    .endsWith("Nothing was changed.");
            assertThat(bot.service().find(incident.id()).orElseThrow().isClosing()).isFalse();

            String resolve = send(lead, room, "!resolve Rotated the logs and grew the volume");
            assertThat(body(bot.awaitReply(room, resolve))).contains("resolved by " + bot.lead.userId());
            String close = send(lead, room, "!close");
            assertThat(body(bot.awaitReply(room, close))).startsWith("Closing " + incident.id());
            Incident closed = bot.awaitClosed(incident.id());

            assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
            assertThat(bot.botClient().getState(room, "m.room.name", "").orElseThrow().path("name").asText())
                    .isEqualTo("[ARCHIVED] Incident: " + incident.id() + " \u2013 Disk full on db-1");
            JsonNode pl = bot.botClient().getState(room, "m.room.power_levels", "").orElseThrow();
            assertThat(pl.path("events_default").asInt()).isEqualTo(50);
            assertThat(bot.botClient().getState(room, "m.room.retention", "").orElseThrow().path("max_lifetime").asLong())
                    .isEqualTo(315_360_000_000L);
            assertThat(bot.botClient().joinedRooms()).contains(room);
            assertThatThrownBy(() -> send(cto, room, "one more thing"))
                    .isInstanceOfSatisfying(MatrixException.class, e -> assertThat(e.httpStatus()).isEqualTo(403));

            IncidentDetails d = bot.service().details(incident.id());
            assertThat(d.timeline()).anySatisfy(e -> {
                assertThat(e.kind()).isEqualTo(TimelineEntry.Kind.PINNED);
                assertThat(e.eventId().value()).isEqualTo(cause);
                assertThat(e.sender().value()).isEqualTo(bot.lead.userId());
                assertThat(e.text()).isEqualTo("Found the cause: log rotation stopped");
            });
            assertThat(d.timeline()).extracting(TimelineEntry::kind).contains(TimelineEntry.Kind.SEVERITY,
                    TimelineEntry.Kind.NOTE, TimelineEntry.Kind.TASK, TimelineEntry.Kind.CHECK, TimelineEntry.Kind.RESOLVED,
                    TimelineEntry.Kind.CLOSE);
            List<TranscriptRecord> transcript = bot.service().transcript(incident.id());
            assertThat(d.transcriptRecords()).isEqualTo(transcript.size());
            assertThat(transcript).anySatisfy(r -> {
                assertThat(r.eventId().value()).isEqualTo(cause);
                assertThat(r.sender().value()).isEqualTo(bot.cto.userId());
                assertThat(r.decrypted()).isTrue();
                assertThat(r.contentJson()).contains("Found the cause");
            });
            assertThat(transcript.get(0).eventType()).isEqualTo("m.room.create");
            assertThat(transcript).extracting(r -> r.eventId().value()).doesNotHaveDuplicates();

            IncidentMetrics m = bot.service().metrics(incident.id());
            assertThat(m.timeToFirstResponse()).isPresent();
            assertThat(m.respondedWithinTarget()).contains(true);
            assertThat(m.timeToResolve()).isPresent();
            assertThat(m.timeToClose()).isPresent();
            assertThat(m.severity()).isEqualTo(Severity.CRITICAL);
        }
    }

    @Test
    void badArgumentsGetClearRepliesAndChangeNothing(SynapseServer server) throws Exception {
        try (IncidentBot bot = new IncidentBot(server, dir)) {
            bot.start();
            MatrixClient lead = bot.as(bot.lead);
            IncidentBot.await("the bot in the command room", IncidentBot.WAIT,
                    () -> bot.botClient().joinedRooms().contains(bot.commandRoom));
            String unknown = send(lead, bot.commandRoom, "!incident open urgent Something broke");
            assertThat(body(bot.awaitReply(bot.commandRoom, unknown))).isEqualTo("Unknown severity 'urgent'. Use one of: "
                    + "low, medium, high, critical (or P0 to P3). Nothing was changed.");
            String untitled = send(lead, bot.commandRoom, "!incident open high");
            assertThat(body(bot.awaitReply(bot.commandRoom, untitled))).startsWith("Missing title.");
            assertThat(bot.service().list(null)).isEmpty();

            Incident incident = bot.awaitOpened(bot.service().open(
                    org.compliancebot.bot.incident.NewIncident.of("Certificate expired", Severity.LOW, "test")).id());
            RoomId room = incident.room().roomId();
            lead.join(room.value());
            String nobody = send(lead, room, "!assign @nobody:" + server.serverName() + " renew it");
            assertThat(body(bot.awaitReply(room, nobody))).isEqualTo("@nobody:" + server.serverName()
                    + " is not a member of this incident room; invite them first or check the user id. Nothing was changed.");
            String notAnId = send(lead, room, "!assign bob renew it");
            assertThat(body(bot.awaitReply(room, notAnId))).startsWith("'bob' is not a Matrix user id");
            String bogus = send(lead, room, "!severity bogus");
            assertThat(body(bot.awaitReply(room, bogus))).startsWith("Unknown severity 'bogus'.");
            String item = send(lead, room, "!check 9");
            assertThat(body(bot.awaitReply(room, item))).startsWith("There is no item 9;");

            IncidentDetails d = bot.service().details(incident.id());
            assertThat(d.tasks()).isEmpty();
            assertThat(d.checklist().done()).isZero();
            assertThat(d.incident().severity()).isEqualTo(Severity.LOW);
            assertThat(d.timeline()).isEmpty();
            assertThat(bot.service().list(null)).hasSize(1);
        }
    }
}
