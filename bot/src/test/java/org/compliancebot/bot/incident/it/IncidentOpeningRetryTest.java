package org.compliancebot.bot.incident.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentId;
import org.compliancebot.bot.incident.NewIncident;
import org.compliancebot.bot.incident.OpeningStep;
import org.compliancebot.bot.incident.Severity;
import org.compliancebot.bot.incident.matrix.StepHook;
import org.compliancebot.bridge.id.RoomAlias;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.js.JsEvent;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.SynapseOptions;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening survives failures half way: Synapse stopped between creating the room and posting the
 * report, and a crash between createRoom's answer and storing the room id. Each time there is still
 * one room and one report.
 */
@ExtendWith(SynapseExtension.class)
class IncidentOpeningRetryTest {
    @TempDir
    Path dir;

    private static List<JsonNode> reports(IncidentBot bot, RoomId room) {
        return bot.history(room).stream().filter(e -> e.path("sender").asText().equals(bot.bot.userId())
                && e.path("type").asText().equals("m.room.encrypted")).toList();
    }

    @Test
    void openingResumesAfterSynapseWasStoppedBetweenRoomCreationAndTheReport(JsClients clients) throws Exception {
        try (SynapseServer own = SynapseServer.startDedicated(SynapseOptions.shared().withName("incident-outage"));
             IncidentBot bot = new IncidentBot(own, dir)) {
            AtomicBoolean stopped = new AtomicBoolean();
            bot.module.withStepHook(new StepHook() {
                @Override
                public void afterStep(IncidentId id, OpeningStep step) {
                    if (step == OpeningStep.ROOM_CREATED && stopped.compareAndSet(false, true)) {
                        own.stop();
                    }
                }
            });
            bot.start();
            JsClient lead = clients.encryptedClient(own, bot.lead, true);
            IncidentId id = bot.service().open(NewIncident.of("Synapse outage while opening", Severity.MEDIUM, "test")).id();

            IncidentBot.await("Synapse to be stopped after the room was created", IncidentBot.WAIT, stopped::get);
            IncidentBot.await("a failed attempt", Duration.ofSeconds(180), () -> bot.service().find(id).orElseThrow().room().lastError() != null);
            Incident halfway = bot.service().find(id).orElseThrow();
            assertThat(halfway.room().opening()).isEqualTo(OpeningStep.ROOM_CREATED);
            assertThat(halfway.room().reportEventId()).isNull();
            own.start();

            Incident opened = bot.awaitOpened(id);
            RoomId room = opened.room().roomId();
            assertThat(bot.botClient().resolveAlias(RoomAlias.of("#" + id + ":" + own.serverName()))).contains(room);
            assertThat(bot.botClient().joinedRooms()).containsExactlyInAnyOrder(room, bot.commandRoom);
            assertThat(reports(bot, room)).hasSize(1);
            assertThat(reports(bot, room).get(0).path("event_id").asText()).isEqualTo(opened.room().reportEventId().value());
            JsEvent report = lead.awaitEvent(e -> e.isTimeline() && room.value().equals(e.roomId()) && e.body() != null
                    && e.body().startsWith("# Incident: " + id), IncidentBot.WAIT);
            assertThat(report.isDecrypted()).isTrue();
            assertThat(report.eventId()).isEqualTo(opened.room().reportEventId().value());
        }
    }

    @Test
    void aCrashBetweenCreateRoomAndStoringTheRoomIdFindsTheRoomByItsAlias(SynapseServer server) throws Exception {
        try (IncidentBot bot = new IncidentBot(server, dir)) {
            AtomicBoolean crashed = new AtomicBoolean();
            RoomId[] createdFirst = new RoomId[1];
            bot.module.withStepHook(new StepHook() {
                @Override
                public void roomCreated(IncidentId id, RoomId room) {
                    if (crashed.compareAndSet(false, true)) {
                        createdFirst[0] = room;
                        throw new IllegalStateException("simulated crash before the room id was stored");
                    }
                }
            });
            bot.start();
            Incident opened = bot.awaitOpened(bot.service().open(NewIncident.of("Crash while opening", Severity.LOW, "test")).id());
            assertThat(crashed).isTrue();
            assertThat(opened.room().roomId()).isEqualTo(createdFirst[0]);
            long incidentRooms = bot.botClient().joinedRooms().stream().filter(r -> !r.equals(bot.commandRoom)).count();
            assertThat(incidentRooms).isEqualTo(1);
            assertThat(reports(bot, opened.room().roomId())).hasSize(1);
        }
    }
}
