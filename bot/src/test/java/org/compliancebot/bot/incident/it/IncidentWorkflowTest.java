package org.compliancebot.bot.incident.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.compliancebot.bot.incident.ClosingStep;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentDetails;
import org.compliancebot.bot.incident.IncidentMetrics;
import org.compliancebot.bot.incident.IncidentStatus;
import org.compliancebot.bot.incident.Membership;
import org.compliancebot.bot.incident.Severity;
import org.compliancebot.bot.incident.TimelineEntry;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.testkit.js.DeviceIsolation;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.js.JsEvent;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The working commands in one incident, from {@code !incident open} in the security room to the
 * closure, with matrix-js-sdk clients as the team in encrypted rooms: details lines, topic follows the
 * severity, tasks, timeline, checklist, status, resolution and the measures.
 */
@ExtendWith(SynapseExtension.class)
class IncidentWorkflowTest {
    @TempDir
    Path dir;

    private static String reply(IncidentBot bot, JsClient client, String room, String command) {
        JsEvent r = client.awaitEvent(e -> e.isTimeline() && room.equals(e.roomId()) && bot.bot.userId().equals(e.sender())
                && command.equals(e.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText()),
                IncidentBot.WAIT);
        assertThat(r.isDecrypted()).isTrue();
        return r.body();
    }

    @Test
    void theTeamWorksAnIncidentFromOpeningToClosure(SynapseServer server, JsClients clients) throws Exception {
        try (IncidentBot bot = new IncidentBot(server, dir)) {
            bot.start();
            JsClient lead = clients.encryptedClient(server, bot.lead, true);
            JsClient cto = clients.encryptedClient(server, bot.cto, true);
            lead.setDeviceIsolation(DeviceIsolation.ONLY_SIGNED);
            cto.setDeviceIsolation(DeviceIsolation.ONLY_SIGNED);
            IncidentBot.await("the bot in the command room", IncidentBot.WAIT,
                    () -> bot.botClient().joinedRooms().contains(bot.commandRoom));

            String command = bot.commandRoom.value();
            String open = lead.sendText(command, "!incident open medium Disk full on db-1\ncontrols: A.5.24, Axiom 3\n"
                    + "links: https://grafana.example.org/d/db\nThe primary ran out of disk at 03:12.");
            assertThat(reply(bot, lead, command, open)).startsWith("Opened incident-").contains("MEDIUM (P2)")
                    .contains("inviting " + bot.lead.userId());
            Incident recorded = bot.service().list(null).get(0);
            assertThat(recorded.violatedControls()).containsExactly("A.5.24", "Axiom 3");
            assertThat(recorded.links()).containsExactly("https://grafana.example.org/d/db");
            assertThat(recorded.description()).isEqualTo("The primary ran out of disk at 03:12.");
            assertThat(recorded.createdBy()).isEqualTo(bot.lead.userId());
            Incident incident = bot.awaitOpened(recorded.id());
            String room = incident.room().roomId().value();
            lead.awaitEvent(JsEvent.inviteTo(room), IncidentBot.WAIT);
            IncidentBot.await("the lead to join", IncidentBot.WAIT, () -> bot.service().details(incident.id()).members()
                    .get(UserId.of(bot.lead.userId())) == Membership.JOIN);

            String raise = lead.sendText(room, "!severity P0");
            assertThat(reply(bot, lead, room, raise)).contains("raised from MEDIUM (P2) to CRITICAL (P0)")
                    .contains(bot.cto.userId());
            IncidentBot.await("the topic to follow the severity", IncidentBot.WAIT, () -> server.admin()
                    .roomStateEvent(room, "m.room.topic", "").path("topic").asText().startsWith("Severity: CRITICAL (P0)"));
            cto.awaitEvent(JsEvent.inviteTo(room), IncidentBot.WAIT);
            IncidentBot.await("the CTO to join", IncidentBot.WAIT, () -> bot.service().details(incident.id()).members()
                    .get(UserId.of(bot.cto.userId())) == Membership.JOIN);

            String note = cto.sendText(room, "!timeline Failed over to the replica");
            assertThat(reply(bot, cto, room, note)).isEqualTo("Added to the timeline as entry 2.");
            String assign = lead.sendText(room, "!assign " + bot.cto.userId() + " restart log rotation");
            assertThat(reply(bot, lead, room, assign)).isEqualTo("Task 1 assigned to " + bot.cto.userId() + ": restart log rotation");
            String check = cto.sendText(room, "!check 1");
            assertThat(reply(bot, cto, room, check)).contains("1. Root cause identified (1 of 7 done)");
            String again = lead.sendText(room, "!check 1");
            assertThat(reply(bot, lead, room, again)).startsWith("Item 1 (Root cause identified) was ticked already by " + bot.cto.userId());
            String list = lead.sendText(room, "!checklist");
            assertThat(reply(bot, lead, room, list)).contains("\u2611 1. Root cause identified").contains("\u2610 2. Immediate containment");
            String status = cto.sendText(room, "!status");
            assertThat(reply(bot, cto, room, status)).contains("Severity: CRITICAL (P0); status: open").contains("Tasks:")
                    .contains("1. " + bot.cto.userId() + ": restart log rotation").contains("Checklist: 1 of 7 done")
                    .contains("First response: " + bot.lead.userId());
            String resolveByCto = cto.sendText(room, "!resolve Rotated the logs and grew the volume");
            assertThat(reply(bot, cto, room, resolveByCto)).contains("resolved by " + bot.cto.userId());
            String close = lead.sendText(room, "!close");
            assertThat(reply(bot, lead, room, close)).isEqualTo("Closing " + incident.id()
                    + ": the room is archived read-only and its transcript kept as evidence.");

            Incident closed = bot.awaitClosed(incident.id());
            assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
            assertThat(closed.resolution().summary()).isEqualTo("Rotated the logs and grew the volume");
            IncidentDetails d = bot.service().details(incident.id());
            assertThat(d.timeline()).extracting(TimelineEntry::kind).containsExactly(TimelineEntry.Kind.SEVERITY,
                    TimelineEntry.Kind.NOTE, TimelineEntry.Kind.TASK, TimelineEntry.Kind.CHECK, TimelineEntry.Kind.RESOLVED,
                    TimelineEntry.Kind.CLOSE);
            assertThat(d.timeline().get(1).text()).isEqualTo("Failed over to the replica");
            assertThat(d.timeline().get(1).eventId().value()).isEqualTo(note);
            assertThat(d.timeline().get(1).sender().value()).isEqualTo(bot.cto.userId());
            assertThat(d.transcriptRecords()).isPositive();
            assertThat(bot.service().transcript(incident.id())).filteredOn(r -> r.eventId().value().equals(note))
                    .singleElement().satisfies(r -> assertThat(r.contentJson()).contains("!timeline Failed over"));

            IncidentMetrics m = bot.service().metrics(incident.id());
            assertThat(m.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(m.timeToFirstResponse()).isPresent();
            assertThat(m.respondedWithinTarget()).contains(true);
            assertThat(m.timeToResolve().orElseThrow()).isLessThanOrEqualTo(m.timeToClose().orElseThrow());
            assertThat(bot.service().summary().closed()).isEqualTo(1);
            assertThat(closed.room().closing()).isEqualTo(ClosingStep.EXTRACTED);
        }
    }
}
