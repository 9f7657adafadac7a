package org.compliancebot.testkit.js;

import com.fasterxml.jackson.databind.JsonNode;
import org.compliancebot.testkit.internal.RunDirs;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A second, independent Matrix client: matrix-js-sdk with Rust crypto (the stack of Element), running in
 * its own Node process. Tests use it to play the humans.
 *
 * <p>Usual order: {@link #login}, {@link #initCrypto()} (for encrypted rooms), {@link #start(boolean)},
 * {@link #bootstrapCrossSigning()}. Sending methods return the event ID. Every command throws
 * {@link JsClientException} (with the tail of the node log) if it fails or gets no answer within
 * {@link #DEFAULT_TIMEOUT}. Events the client receives are kept from the start; {@link #awaitEvent}
 * searches all of them, so an event that arrived before the call is found too.
 */
public final class JsClient implements AutoCloseable {

    /** Timeout of a single command. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final Set<JsClient> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(JsClient::close), "js-client-shutdown"));
    }

    private final String name;
    private final JsProcess process;
    private volatile String userId;
    private volatile String deviceId;

    private JsClient(String name, JsProcess process) {
        this.name = name;
        this.process = process;
    }

    /**
     * Starts a node process running the harness (installing the JS dependencies on first use).
     *
     * @param name a short name for logs; the node log goes to {@code .testkit/run/js/<name>-<timestamp>.log}
     */
    public static JsClient launch(String name) {
        NodeRuntime runtime = NodeRuntime.ensureInstalled();
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        Path log = RunDirs.root().resolve("js")
                .resolve(safe + "-" + LocalDateTime.now().format(STAMP) + "-" + ProcessHandle.current().pid() + ".log");
        JsClient client = new JsClient(name, new JsProcess(name, runtime, log));
        OPEN.add(client);
        return client;
    }

    // ---- session and crypto

    /**
     * Logs in with a password, creating a new device.
     *
     * @param deviceId the device ID to ask for, or null for a server-chosen one
     * @return the device ID of the session
     */
    public String login(String baseUrl, String userId, String password, String deviceId) {
        Map<String, Object> args = new HashMap<>();
        args.put("baseUrl", baseUrl);
        args.put("userId", userId);
        args.put("password", password);
        args.put("deviceId", deviceId);
        JsonNode result = call("login", args);
        this.userId = result.path("userId").asText();
        this.deviceId = result.path("deviceId").asText();
        return this.deviceId;
    }

    /** Logs in as {@code user} on {@code server} with a new device. */
    public String login(SynapseServer server, RegisteredUser user) {
        return login(server.baseUrl(), user.userId(), user.password(), null);
    }

    /** Enables end-to-end encryption (Rust crypto, in-memory store). Call before {@link #start(boolean)}. */
    public void initCrypto() {
        call("initCrypto", Map.of());
    }

    /**
     * Starts syncing and returns once the initial sync is done.
     *
     * @param autoJoinInvites join every room the user is invited to
     */
    public void start(boolean autoJoinInvites) {
        call("start", Map.of("autoJoinInvites", autoJoinInvites));
    }

    /**
     * Creates and uploads the user's cross-signing keys (password UIA) and signs this device with them.
     *
     * @return whether cross-signing is ready and this device is signed by its owner
     */
    public CrossSigningStatus bootstrapCrossSigning() {
        JsonNode r = call("bootstrapCrossSigning", Map.of());
        return new CrossSigningStatus(r.path("crossSigningReady").asBoolean(), r.path("ownDeviceSignedByOwner").asBoolean());
    }

    /** Chooses which devices this client shares room keys with and accepts messages from. */
    public void setDeviceIsolation(DeviceIsolation mode) {
        call("setDeviceIsolation", Map.of("mode", mode.wireName()));
    }

    /** How the peer's device looks to this client (its keys are fetched first if needed). */
    public DeviceVerification getUserDeviceVerification(String otherUserId, String otherDeviceId) {
        JsonNode r = call("getUserDeviceVerification", Map.of("userId", otherUserId, "deviceId", otherDeviceId));
        return new DeviceVerification(r.path("known").asBoolean(), r.path("signedByOwner").asBoolean(),
                r.path("crossSigningVerified").asBoolean(), r.path("localVerified").asBoolean(),
                r.path("verified").asBoolean());
    }

    /**
     * Waits until this client sees the other device as signed by its owner, and returns what it sees then.
     * A client learns of another user's cross-signing keys through its own key queries, which may still be
     * in flight right after a room is joined; the last status is returned when the time runs out.
     */
    public DeviceVerification awaitDeviceSignedByOwner(String otherUserId, String otherDeviceId, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        DeviceVerification v = getUserDeviceVerification(otherUserId, otherDeviceId);
        while (!v.signedByOwner() && System.nanoTime() < end) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return v;
            }
            v = getUserDeviceVerification(otherUserId, otherDeviceId);
        }
        return v;
    }

    /** How this client trusts another user's cross-signing identity. */
    public UserVerification getUserVerification(String otherUserId) {
        JsonNode r = call("getUserVerification", Map.of("userId", otherUserId));
        return new UserVerification(r.path("known").asBoolean(), r.path("crossSigningVerified").asBoolean(),
                r.path("needsUserApproval").asBoolean());
    }

    // ---- rooms

    /**
     * Creates a room ({@code POST /createRoom} with these fields, e.g. {@code name}, {@code preset},
     * {@code invite}, {@code initial_state}) and waits until it has come down sync.
     */
    public String createRoom(Map<String, ?> options) {
        return call("createRoom", Map.of("options", options)).path("roomId").asText();
    }

    /** Creates a private room with a name, inviting the given users. */
    public String createRoom(String roomName, List<String> invite) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("name", roomName);
        options.put("preset", "private_chat");
        options.put("invite", invite);
        return createRoom(options);
    }

    /** Joins a room by ID or alias and waits until it has come down sync; returns the room ID. */
    public String joinRoom(String roomIdOrAlias) {
        return call("joinRoom", Map.of("roomIdOrAlias", roomIdOrAlias)).path("roomId").asText();
    }

    public void leaveRoom(String roomId) {
        call("leaveRoom", Map.of("roomId", roomId));
    }

    public void invite(String roomId, String otherUserId) {
        call("invite", Map.of("roomId", roomId, "userId", otherUserId));
    }

    /** Whether this client will encrypt messages it sends to the room. */
    public boolean isRoomEncrypted(String roomId) {
        return call("isRoomEncrypted", Map.of("roomId", roomId)).path("encrypted").asBoolean();
    }

    /** The content of a state event fetched from the server, or null if the room has none. */
    public JsonNode getRoomState(String roomId, String type, String stateKey) {
        JsonNode content = call("getRoomState", Map.of("roomId", roomId, "type", type, "stateKey", stateKey))
                .path("content");
        return content.isNull() || content.isMissingNode() ? null : content;
    }

    /** Sends a state event; returns its event ID. */
    public String sendStateEvent(String roomId, String type, String stateKey, Map<String, ?> content) {
        return eventId(call("sendStateEvent", Map.of("roomId", roomId, "type", type, "stateKey", stateKey,
                "content", content)));
    }

    public void setDisplayName(String displayName) {
        call("setDisplayName", Map.of("displayName", displayName));
    }

    // ---- messages

    /** Sends {@code m.text}; encrypted if the room is. */
    public String sendText(String roomId, String body) {
        return eventId(call("sendText", Map.of("roomId", roomId, "body", body)));
    }

    /** Sends {@code m.text} with an HTML {@code formatted_body}. */
    public String sendHtml(String roomId, String body, String formattedHtml) {
        return eventId(call("sendHtml", Map.of("roomId", roomId, "body", body, "formatted", formattedHtml)));
    }

    /** Sends a rich reply ({@code m.relates_to.m.in_reply_to}) without a quoted fallback in the body. */
    public String sendReply(String roomId, String inReplyToEventId, String body) {
        return sendReply(roomId, inReplyToEventId, body, false);
    }

    /** Sends a rich reply; with {@code quoteFallback} the body starts with {@code > <sender> original}. */
    public String sendReply(String roomId, String inReplyToEventId, String body, boolean quoteFallback) {
        return eventId(call("sendReply", Map.of("roomId", roomId, "inReplyToEventId", inReplyToEventId, "body", body,
                "quoteFallback", quoteFallback)));
    }

    /** Sends a message into the thread rooted at {@code threadRootId} ({@code rel_type m.thread}). */
    public String sendThreadReply(String roomId, String threadRootId, String body) {
        return eventId(call("sendThreadReply", Map.of("roomId", roomId, "threadRootId", threadRootId, "body", body)));
    }

    /** Edits a message ({@code m.replace} with {@code m.new_content}). */
    public String edit(String roomId, String eventId, String newBody) {
        return eventId(call("edit", Map.of("roomId", roomId, "eventId", eventId, "newBody", newBody)));
    }

    /** Redacts an event; {@code reason} may be null. Returns the redaction's event ID. */
    public String redact(String roomId, String eventId, String reason) {
        Map<String, Object> args = new HashMap<>();
        args.put("roomId", roomId);
        args.put("eventId", eventId);
        args.put("reason", reason);
        return eventId(call("redact", args));
    }

    /** Reacts to an event ({@code m.reaction}, {@code m.annotation} with {@code key}). */
    public String react(String roomId, String eventId, String key) {
        return eventId(call("react", Map.of("roomId", roomId, "eventId", eventId, "key", key)));
    }

    /** Sends any room event; encrypted if the room is. */
    public String sendEvent(String roomId, String type, Map<String, ?> content) {
        return eventId(call("sendEvent", Map.of("roomId", roomId, "type", type, "content", content)));
    }

    // ---- received events

    /** Waits until an event matching {@code condition} has been received (or was already). */
    public JsEvent awaitEvent(Predicate<JsEvent> condition, Duration timeout) {
        return process.awaitEvent(condition, timeout, "matching event");
    }

    /** Waits for an {@code m.room.message} with this body in the room. */
    public JsEvent awaitMessage(String roomId, String body, Duration timeout) {
        return process.awaitEvent(JsEvent.message(roomId, body), timeout,
                "m.room.message in " + roomId + " with the expected body");
    }

    /** A snapshot of every event received so far, in arrival order. */
    public List<JsEvent> events() {
        return process.events();
    }

    // ---- identity and lifecycle

    /** The user ID after login. */
    public String userId() {
        return userId;
    }

    /** The device ID after login. */
    public String deviceId() {
        return deviceId;
    }

    /** The name given at launch. */
    public String name() {
        return name;
    }

    /** The node process's log file. */
    public Path logFile() {
        return process.logFile();
    }

    /** The last lines of the node log. */
    public String logTail(int lines) {
        return process.logTail(lines);
    }

    /** Stops syncing and ends the node process. */
    @Override
    public void close() {
        OPEN.remove(this);
        process.close();
    }

    private JsonNode call(String command, Map<String, ?> args) {
        return process.call(command, args, DEFAULT_TIMEOUT);
    }

    private static String eventId(JsonNode result) {
        return result.path("event_id").asText();
    }

    @Override
    public String toString() {
        return "JsClient[" + name + (userId == null ? "" : " " + userId + " " + deviceId) + "]";
    }
}
