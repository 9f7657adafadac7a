package org.compliancebot.bot.incident.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentDetails;
import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.Membership;
import org.compliancebot.bot.incident.NewIncident;
import org.compliancebot.bot.incident.Severity;
import org.compliancebot.bot.incident.TimelineEntry;
import org.compliancebot.bot.incident.TranscriptRecord;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.testkit.js.DeviceIsolation;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsClientException;
import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.js.JsEvent;
import org.compliancebot.testkit.synapse.SynapseOptions;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incident rooms end to end: one bot deployment on its own Synapse, the team as matrix-js-sdk clients
 * with Element's crypto (cross-signed, sharing keys only with cross-signed devices), every room
 * encrypted, every command sent encrypted.
 */
class IncidentAcceptanceTest {
    private static final Pattern OPENED = Pattern.compile("Opened (incident-\\d{4}-\\d{2}-\\d{2}-\\d{3,})");

    @TempDir
    static Path dir;
    static SynapseServer server;
    static IncidentBot bot;
    static JsClients js;
    static JsClient lead;
    static JsClient overseer;
    static JsClient cto;
    static JsClient legal;
    static JsClient compliance;

    @BeforeAll
    static void deploy() throws Exception {
        server = SynapseServer.startDedicated(SynapseOptions.shared().withName("incidents"));
        bot = new IncidentBot(server, dir);
        bot.start();
        js = new JsClients();
        lead = team(bot.lead);
        overseer = team(bot.overseer);
        cto = team(bot.cto);
        legal = team(bot.legal);
        compliance = team(bot.compliance);
        IncidentBot.await("the bot in the command room", IncidentBot.WAIT,
                () -> bot.botClient().joinedRooms().contains(bot.commandRoom));
    }

    private static JsClient team(org.compliancebot.testkit.synapse.RegisteredUser user) {
        JsClient c = js.encryptedClient(server, user, true);
        c.setDeviceIsolation(DeviceIsolation.ONLY_SIGNED);
        return c;
    }

    @AfterAll
    static void undeploy() {
        if (js != null) {
            js.close();
        }
        if (bot != null) {
            bot.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The bot's decrypted notice replying to {@code command}, as {@code client} sees it. */
    private static JsEvent reply(JsClient client, String room, String command) {
        return client.awaitEvent(e -> e.isTimeline() && room.equals(e.roomId()) && bot.bot.userId().equals(e.sender())
                && command.equals(e.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText()),
                IncidentBot.WAIT);
    }

    private static String decryptedReply(JsClient client, String room, String command) {
        JsEvent r = reply(client, room, command);
        assertThat(r.isDecrypted()).as("the reply %s is end-to-end encrypted and decrypts", r).isTrue();
        return r.body();
    }

    private static void awaitJoined(Incident incident, String... users) throws InterruptedException {
        for (String user : users) {
            IncidentBot.await(user + " to join " + incident.id(), IncidentBot.WAIT, () -> bot.service().details(incident.id())
                    .members().get(UserId.of(user)) == Membership.JOIN);
        }
    }

    private static long inviteEvents(RoomId room, String user) {
        return bot.history(room).stream().filter(e -> e.path("type").asText().equals("m.room.member")
                && e.path("state_key").asText().equals(user)
                && e.path("content").path("membership").asText().equals("invite")).count();
    }

    @Test
    void aCriticalIncidentGetsAnEncryptedRetainedUnfederatedRoomTheFourRoleHoldersAndAPinnedReport() throws Exception {
        Incident incident = bot.awaitOpened(bot.service().open(new NewIncident("Model produced unreviewed output",
                Severity.CRITICAL, List.of("AX-1", "A.5.24"), "Output bypassed human review.", List.of("https://example.org/run/42"),
                "test", null)).id());
        String room = incident.room().roomId().value();

        assertThat(server.admin().roomStateEvent(room, "m.room.encryption", "").path("algorithm").asText())
                .isEqualTo("m.megolm.v1.aes-sha2");
        assertThat(server.admin().roomStateEvent(room, "m.room.retention", "").path("max_lifetime").asLong())
                .isEqualTo(315_360_000_000L);
        JsonNode create = server.admin().roomStateEvent(room, "m.room.create", "");
        assertThat(create.path("m.federate").asBoolean(true)).isFalse();
        assertThat(server.admin().roomStateEvent(room, "m.room.join_rules", "").path("join_rule").asText()).isEqualTo("invite");
        assertThat(server.admin().roomStateEvent(room, "m.room.guest_access", "").path("guest_access").asText()).isEqualTo("forbidden");
        assertThat(server.admin().roomStateEvent(room, "m.room.canonical_alias", "").path("alias").asText())
                .isEqualTo("#" + incident.id() + ":" + server.serverName());
        assertThat(server.admin().roomStateEvent(room, "m.room.name", "").path("name").asText())
                .isEqualTo("Incident: " + incident.id() + " \u2013 Model produced unreviewed output");
        assertThat(server.admin().roomStateEvent(room, "m.room.topic", "").path("topic").asText())
                .contains("CRITICAL (P0)").contains("AX-1, A.5.24");
        JsonNode pl = server.admin().roomStateEvent(room, "m.room.power_levels", "");
        assertThat(pl.path("users").path(bot.lead.userId()).asInt()).isEqualTo(100);
        assertThat(pl.path("users").path(bot.bot.userId()).asInt()).isEqualTo(50);
        assertThat(pl.path("events").path("m.room.encryption").asInt()).isEqualTo(100);
        assertThat(pl.path("events").path("m.room.retention").asInt()).isEqualTo(100);

        for (JsClient invited : List.of(lead, overseer, cto, legal)) {
            invited.awaitEvent(JsEvent.inviteTo(room), IncidentBot.WAIT);
        }
        assertThat(server.admin().roomStateEvent(room, "m.room.member", bot.compliance.userId())).isNull();

        JsEvent report = cto.awaitEvent(e -> e.isTimeline() && room.equals(e.roomId()) && e.body() != null
                && e.body().startsWith("# Incident: " + incident.id()), IncidentBot.WAIT);
        assertThat(report.isDecrypted()).as("the report %s decrypts", report).isTrue();
        assertThat(report.sender()).isEqualTo(bot.bot.userId());
        assertThat(report.content().path("format").asText()).isEqualTo("org.matrix.custom.html");
        assertThat(report.content().path("formatted_body").asText()).contains("<h3>Incident: " + incident.id() + "</h3>")
                .contains("Root cause identified");
        assertThat(report.body()).contains("## Response Checklist").contains("- [ ] 1. Root cause identified");
        assertThat(server.admin().roomStateEvent(room, "m.room.pinned_events", "").path("pinned").get(0).asText())
                .isEqualTo(report.eventId());
    }

    @Test
    void raisingMediumToCriticalInvitesTheExtraPeopleOnceEach() throws Exception {
        String open = lead.sendText(bot.commandRoom.value(), "!incident open medium Suspicious admin login\ncontrols: A.8.16");
        Matcher m = OPENED.matcher(decryptedReply(lead, bot.commandRoom.value(), open));
        assertThat(m.find()).isTrue();
        Incident incident = bot.awaitOpened(IncidentId.parse(m.group(1)));
        String room = incident.room().roomId().value();
        lead.awaitEvent(JsEvent.inviteTo(room), IncidentBot.WAIT);
        awaitJoined(incident, bot.lead.userId());

        String raise = lead.sendText(room, "!severity critical");
        assertThat(decryptedReply(lead, room, raise)).contains("raised from MEDIUM (P2) to CRITICAL (P0)");
        for (JsClient added : List.of(overseer, cto, legal)) {
            added.awaitEvent(JsEvent.inviteTo(room), IncidentBot.WAIT);
        }
        String again = lead.sendText(room, "!severity critical");
        assertThat(decryptedReply(lead, room, again)).contains("already CRITICAL");

        RoomId roomId = incident.room().roomId();
        for (String user : List.of(bot.lead.userId(), bot.overseer.userId(), bot.cto.userId(), bot.legal.userId())) {
            assertThat(inviteEvents(roomId, user)).as("invites of %s", user).isEqualTo(1);
        }
        assertThat(inviteEvents(roomId, bot.compliance.userId())).isZero();
        assertThat(bot.service().details(incident.id()).timeline()).extracting(TimelineEntry::kind)
                .containsExactly(TimelineEntry.Kind.SEVERITY);
    }

    @Test
    void teamMessagesAreDecryptedIntoTheTranscriptAPinMarksTheTimelineAndCloseArchives() throws Exception {
        Incident incident = bot.awaitOpened(bot.service().open(NewIncident.of("Token leaked in CI logs", Severity.HIGH, "test")).id());
        String room = incident.room().roomId().value();
        compliance.awaitEvent(JsEvent.inviteTo(room), IncidentBot.WAIT);
        lead.awaitEvent(JsEvent.inviteTo(room), IncidentBot.WAIT);
        awaitJoined(incident, bot.lead.userId(), bot.compliance.userId());

        String contained = compliance.sendText(room, "Contained: token revoked at 10:02");
        String cause = lead.sendText(room, "Root cause: debug logging printed the token");
        lead.react(room, contained, "\uD83D\uDCCC");
        IncidentBot.await("the pinned message on the timeline", IncidentBot.WAIT, () -> bot.service().details(incident.id())
                .timeline().stream().anyMatch(e -> e.kind() == TimelineEntry.Kind.PINNED && e.eventId().value().equals(contained)));
        TimelineEntry pinned = bot.service().details(incident.id()).timeline().stream()
                .filter(e -> e.kind() == TimelineEntry.Kind.PINNED).findFirst().orElseThrow();
        assertThat(pinned.sender().value()).isEqualTo(bot.lead.userId());
        assertThat(pinned.text()).isEqualTo("Contained: token revoked at 10:02");

        String close = lead.sendText(room, "!close");
        assertThat(decryptedReply(compliance, room, close)).startsWith("Closing " + incident.id());
        Incident closed = bot.awaitClosed(incident.id());
        assertThat(closed.room().roomId()).isEqualTo(incident.room().roomId());

        assertThat(server.admin().roomStateEvent(room, "m.room.name", "").path("name").asText()).startsWith("[ARCHIVED] ");
        assertThat(server.admin().roomStateEvent(room, "m.room.retention", "").path("max_lifetime").asLong())
                .isEqualTo(315_360_000_000L);
        assertThatThrownBy(() -> compliance.sendText(room, "one more thing")).isInstanceOf(JsClientException.class)
                .hasMessageContaining("M_FORBIDDEN");
        assertThat(bot.botClient().joinedRooms()).contains(incident.room().roomId());

        IncidentDetails d = bot.service().details(incident.id());
        List<TranscriptRecord> transcript = bot.service().transcript(incident.id());
        assertThat(d.transcriptRecords()).isEqualTo(transcript.size()).isGreaterThan(10);
        for (String[] expected : List.of(new String[] {contained, bot.compliance.userId(), compliance.deviceId(), "Contained: token revoked"},
                new String[] {cause, bot.lead.userId(), lead.deviceId(), "Root cause: debug logging"})) {
            TranscriptRecord r = transcript.stream().filter(t -> t.eventId().value().equals(expected[0])).findFirst().orElseThrow();
            assertThat(r.sender().value()).isEqualTo(expected[1]);
            assertThat(r.senderDevice()).isEqualTo(expected[2]);
            assertThat(r.decrypted()).isTrue();
            assertThat(r.eventType()).isEqualTo("m.room.message");
            assertThat(r.contentJson()).contains(expected[3]);
            assertThat(r.rawJson()).contains("\"type\":\"m.room.encrypted\"").doesNotContain(expected[3]);
        }
        assertThat(transcript).extracting(TranscriptRecord::eventType).contains("m.room.create", "m.room.power_levels");
    }

    @Test
    void closeByAnyoneButTheSecurityLeadIsRefused() throws Exception {
        Incident incident = bot.awaitOpened(bot.service().open(NewIncident.of("Backup job failing", Severity.HIGH, "test")).id());
        String room = incident.room().roomId().value();
        compliance.awaitEvent(JsEvent.inviteTo(room), IncidentBot.WAIT);
        awaitJoined(incident, bot.compliance.userId());
        String close = compliance.sendText(room, "!close");
        assertThat(decryptedReply(compliance, room, close))
                .isEqualTo("Refused: only the security lead may close an incident. Nothing was changed.");
        Incident after = bot.service().find(incident.id()).orElseThrow();
        assertThat(after.isClosing()).isFalse();
        assertThat(server.admin().roomStateEvent(room, "m.room.name", "").path("name").asText()).doesNotStartWith("[ARCHIVED]");
    }

    @Test
    void commandsWithBadArgumentsGetClearRepliesAndChangeNothing() throws Exception {
        int before = bot.service().list(null).size();
        String command = bot.commandRoom.value();
        String unknown = lead.sendText(command, "!incident open urgent Printer on fire");
        assertThat(decryptedReply(lead, command, unknown)).isEqualTo("Unknown severity 'urgent'. Use one of: low, medium, "
                + "high, critical (or P0 to P3). Nothing was changed.");
        String untitled = lead.sendText(command, "!incident open high");
        assertThat(decryptedReply(lead, command, untitled)).startsWith("Missing title. Usage: !incident open <severity> <title>");
        assertThat(bot.service().list(null)).hasSize(before);

        Incident incident = bot.awaitOpened(bot.service().open(NewIncident.of("Expired certificate", Severity.LOW, "test")).id());
        String room = incident.room().roomId().value();
        lead.awaitEvent(JsEvent.inviteTo(room), IncidentBot.WAIT);
        awaitJoined(incident, bot.lead.userId());
        String nobody = lead.sendText(room, "!assign @nobody:" + server.serverName() + " renew the certificate");
        assertThat(decryptedReply(lead, room, nobody)).isEqualTo("@nobody:" + server.serverName()
                + " is not a member of this incident room; invite them first or check the user id. Nothing was changed.");
        String bogus = lead.sendText(room, "!severity catastrophic");
        assertThat(decryptedReply(lead, room, bogus)).startsWith("Unknown severity 'catastrophic'.");
        String empty = lead.sendText(room, "!assign");
        assertThat(decryptedReply(lead, room, empty)).startsWith("Usage: !assign @user:server <task>");

        IncidentDetails d = bot.service().details(incident.id());
        assertThat(d.tasks()).isEmpty();
        assertThat(d.timeline()).isEmpty();
        assertThat(d.incident().severity()).isEqualTo(Severity.LOW);
        assertThat(bot.service().list(null)).hasSize(before + 1);
    }
}
