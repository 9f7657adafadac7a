package org.compliancebot.bot.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.compliancebot.bot.app.BotApplication;
import org.compliancebot.bot.change.matrix.ChangeModule;
import org.compliancebot.bot.config.ConfigLoader;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bridge.api.CreateRoomRequest;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.testkit.js.DeviceIsolation;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsEvent;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;

/**
 * The bot with the change module and an encrypted oversight room (created with an alias before the
 * bot starts, members joined), talking to people played by matrix-js-sdk clients with Element's crypto.
 */
final class OversightHarness {
    static final Duration WAIT = Duration.ofSeconds(90);

    final TestBot bot;
    final RoomId room;
    final String alias;
    private final Map<String, List<String>> roles;

    /** Creates the oversight room as the bot's account and has each person join it. */
    OversightHarness(SynapseServer server, RegisteredUser botUser, Path dir, Map<String, List<String>> roles,
            List<JsClient> people) {
        this.bot = new TestBot(server, botUser, dir);
        this.roles = roles;
        this.alias = "oversight-" + SynapseServer.uniqueLocalpart("r");
        MatrixClient setup = MatrixClient.create(server.baseUrl());
        setup.login(UserId.of(botUser.userId()), botUser.password(), DeviceId.of("SETUP"), null);
        CreateRoomRequest.Builder req = CreateRoomRequest.builder().preset("private_chat").name("Human oversight")
                .roomAliasName(alias);
        people.forEach(p -> req.invite(p.userId()));
        room = setup.createRoom(req.build());
        for (JsClient p : people) {
            p.joinRoom(room.value());
            p.setDeviceIsolation(DeviceIsolation.ONLY_SIGNED);
        }
    }

    Path config() throws java.io.IOException {
        StringBuilder yaml = new StringBuilder(Files.readString(bot.writeConfig(50)));
        yaml.append("roles:\n");
        roles.forEach((role, users) -> yaml.append("  ").append(role).append(": [")
                .append(String.join(", ", users.stream().map(u -> "\"" + u + "\"").toList())).append("]\n"));
        yaml.append("rooms:\n  human_oversight: \"#").append(alias).append(":").append(bot.server.serverName()).append("\"\n");
        Path file = bot.dir.resolve("oversight.yaml");
        Files.writeString(file, yaml.toString());
        return file;
    }

    BotApplication start() throws Exception {
        BotApplication app = new BotApplication(new ConfigLoader().load(config()), new Secrets(bot.env()), Clock.systemUTC())
                .with(new ChangeModule());
        app.start();
        TestBot.await("the bot's first sync", WAIT, bot::hasSyncPosition);
        return app;
    }

    /** Sends {@code text} and waits for the bot's threaded answer to it; returns the answer's body. */
    String command(JsClient who, String text) {
        String id = who.sendText(room.value(), text);
        return answerTo(who, id).body();
    }

    /** The bot's message replying to {@code eventId}, decrypted. */
    JsEvent answerTo(JsClient who, String eventId) {
        return who.awaitEvent(e -> e.isTimeline() && e.isDecrypted() && e.sender().equals(bot.account.userId())
                && eventId.equals(e.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText()), WAIT);
    }

    /** Creates, submits and assesses a change (requester then assessor) and returns its ID and request event. */
    Request request(JsClient requester, JsClient assessor, String summary, String risk) {
        String created = command(requester, "!cr new " + summary);
        String draft = find("(DRAFT-\\d+)", created);
        String submitted = command(requester, "!cr submit " + draft);
        String cr = find("(CR-\\d{4}-\\d{3,})", submitted);
        String assessed = command(assessor, "!cr assess " + cr + " impact=medium risk=" + risk);
        if (!assessed.contains("Approval requested")) {
            throw new AssertionError("no approval request: " + assessed);
        }
        JsEvent posted = requester.awaitEvent(e -> e.isTimeline() && e.isDecrypted() && e.sender().equals(bot.account.userId())
                && e.body() != null && e.body().startsWith("Change Approval Request: " + cr), WAIT);
        return new Request(cr, posted.eventId(), posted);
    }

    /** A change request whose approval request was posted as {@code eventId}. */
    record Request(String crId, String eventId, JsEvent posted) {
        JsonNode content() {
            return posted.content();
        }
    }

    static Predicate<JsEvent> inThreadOf(String root) {
        return e -> root.equals(e.content().path("m.relates_to").path("event_id").asText())
                && "m.thread".equals(e.content().path("m.relates_to").path("rel_type").asText());
    }

    static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in: " + text);
        }
        return m.group(1);
    }

    String state(String crId) throws java.sql.SQLException {
        return bot.column("SELECT state FROM change_request WHERE cr_id = '" + crId + "'").stream().findFirst().orElse("?");
    }

    List<String> outcomes(String eventId) throws java.sql.SQLException {
        return bot.column("SELECT outcome FROM decision_evidence WHERE event_id = '" + eventId + "' ORDER BY seq");
    }
}
