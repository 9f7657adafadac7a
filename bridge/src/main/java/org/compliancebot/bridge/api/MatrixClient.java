package org.compliancebot.bridge.api;

import static org.compliancebot.bridge.api.HttpTransport.seg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.id.RoomAlias;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * Typed calls of the Matrix client-server API (v3) for one account. Every call may throw
 * {@link MatrixException}; transient failures are retried first as the {@link RetryPolicy} says.
 * Sends take a caller-chosen transaction id: see {@code org.compliancebot.bridge.outbox.Outbox} for sends that must never post twice.
 */
public final class MatrixClient {
    private static final String V3 = "/_matrix/client/v3";

    private final HttpTransport http;
    private final RetryPolicy retry;
    private volatile Session session;

    public MatrixClient(HttpTransport http, RetryPolicy retry) {
        this.http = http;
        this.retry = retry;
    }

    public static MatrixClient create(String homeserverUrl) {
        return new MatrixClient(new HttpTransport(homeserverUrl, new ObjectMapper()), RetryPolicy.DEFAULT);
    }

    public HttpTransport transport() {
        return http;
    }

    public ObjectMapper mapper() {
        return http.mapper();
    }

    public RetryPolicy retryPolicy() {
        return retry;
    }

    // ---- authentication ----

    /** Logs in with a password on a fixed device id, so the device (and its keys) survive restarts. */
    public Session login(UserId user, String password, DeviceId device, String displayName) {
        ObjectNode body = http.object();
        body.put("type", "m.login.password");
        body.putObject("identifier").put("type", "m.id.user").put("user", user.value());
        body.put("password", password);
        if (device != null) {
            body.put("device_id", device.value());
        }
        if (displayName != null) {
            body.put("initial_device_display_name", displayName);
        }
        JsonNode r = http.post(V3 + "/login", body, retry);
        Session s = new Session(UserId.of(r.get("user_id").asText()), DeviceId.of(r.get("device_id").asText()),
                r.get("access_token").asText());
        useSession(s);
        return s;
    }

    /** Uses an existing access token; the user and device are read back with whoami. */
    public Session useAccessToken(String token) {
        http.setAccessToken(token);
        JsonNode r = whoamiRaw();
        if (!r.hasNonNull("device_id")) {
            throw new MatrixException(200, null, "the access token is not bound to a device", null);
        }
        Session s = new Session(UserId.of(r.get("user_id").asText()), DeviceId.of(r.get("device_id").asText()), token);
        session = s;
        return s;
    }

    public void useSession(Session s) {
        session = s;
        http.setAccessToken(s.accessToken());
    }

    public Session session() {
        if (session == null) {
            throw new IllegalStateException("not logged in");
        }
        return session;
    }

    public UserId whoami() {
        return UserId.of(whoamiRaw().get("user_id").asText());
    }

    private JsonNode whoamiRaw() {
        return http.get(V3 + "/account/whoami", Map.of(), retry);
    }

    // ---- rooms ----

    public RoomId createRoom(CreateRoomRequest request) {
        JsonNode r = http.post(V3 + "/createRoom", http.mapper().valueToTree(request), retry);
        return RoomId.of(r.get("room_id").asText());
    }

    public void invite(RoomId room, UserId user, String reason) {
        ObjectNode body = http.object().put("user_id", user.value());
        if (reason != null) {
            body.put("reason", reason);
        }
        http.post(V3 + "/rooms/" + seg(room.value()) + "/invite", body, retry);
    }

    /** Joins by room id or alias and returns the room id. */
    public RoomId join(String roomIdOrAlias) {
        JsonNode r = http.post(V3 + "/join/" + seg(roomIdOrAlias), http.object(), retry);
        return RoomId.of(r.get("room_id").asText());
    }

    public void leave(RoomId room) {
        http.post(V3 + "/rooms/" + seg(room.value()) + "/leave", http.object(), retry);
    }

    public void kick(RoomId room, UserId user, String reason) {
        ObjectNode body = http.object().put("user_id", user.value());
        if (reason != null) {
            body.put("reason", reason);
        }
        http.post(V3 + "/rooms/" + seg(room.value()) + "/kick", body, retry);
    }

    /** Resolves an alias to a room id, or empty when the alias does not exist. */
    public Optional<RoomId> resolveAlias(RoomAlias alias) {
        try {
            JsonNode r = http.get(V3 + "/directory/room/" + seg(alias.value()), Map.of(), retry);
            return Optional.of(RoomId.of(r.get("room_id").asText()));
        } catch (MatrixException e) {
            if (e.is(ErrCode.M_NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Set<UserId> joinedMembers(RoomId room) {
        JsonNode r = http.get(V3 + "/rooms/" + seg(room.value()) + "/joined_members", Map.of(), retry);
        Set<UserId> out = new LinkedHashSet<>();
        r.path("joined").fieldNames().forEachRemaining(u -> out.add(UserId.of(u)));
        return out;
    }

    /** Room ids the account has joined. */
    public List<RoomId> joinedRooms() {
        JsonNode r = http.get(V3 + "/joined_rooms", Map.of(), retry);
        List<RoomId> out = new ArrayList<>();
        r.path("joined_rooms").forEach(n -> out.add(RoomId.of(n.asText())));
        return out;
    }

    // ---- state ----

    /** The content of one state event, or empty when the room has none of that type and key. */
    public Optional<JsonNode> getState(RoomId room, String type, String stateKey) {
        try {
            return Optional.of(http.get(statePath(room, type, stateKey), Map.of(), retry));
        } catch (MatrixException e) {
            if (e.is(ErrCode.M_NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public EventId putState(RoomId room, String type, String stateKey, JsonNode content) {
        JsonNode r = http.put(statePath(room, type, stateKey), content, retry);
        return EventId.of(r.get("event_id").asText());
    }

    /** All current state events of the room. */
    public JsonNode allState(RoomId room) {
        return http.get(V3 + "/rooms/" + seg(room.value()) + "/state", Map.of(), retry);
    }

    private static String statePath(RoomId room, String type, String stateKey) {
        return V3 + "/rooms/" + seg(room.value()) + "/state/" + seg(type) + "/" + seg(stateKey == null ? "" : stateKey);
    }

    // ---- events ----

    /**
     * Sends a room event with the given transaction id. The server de-duplicates by (device, txnId), so
     * retrying with the same id returns the first event's id instead of posting again.
     */
    public EventId sendEvent(RoomId room, String type, JsonNode content, String txnId) {
        JsonNode r = http.put(V3 + "/rooms/" + seg(room.value()) + "/send/" + seg(type) + "/" + seg(txnId), content, retry);
        return EventId.of(r.get("event_id").asText());
    }

    public EventId redact(RoomId room, EventId event, String reason, String txnId) {
        ObjectNode body = http.object();
        if (reason != null) {
            body.put("reason", reason);
        }
        JsonNode r = http.put(V3 + "/rooms/" + seg(room.value()) + "/redact/" + seg(event.value()) + "/" + seg(txnId), body, retry);
        return EventId.of(r.get("event_id").asText());
    }

    /** One event by id. */
    public JsonNode event(RoomId room, EventId event) {
        return http.get(V3 + "/rooms/" + seg(room.value()) + "/event/" + seg(event.value()), Map.of(), retry);
    }

    /** The event with up to {@code limit} events of context around it. */
    public JsonNode context(RoomId room, EventId event, int limit) {
        return http.get(V3 + "/rooms/" + seg(room.value()) + "/context/" + seg(event.value()),
                Map.of("limit", Integer.toString(limit)), retry);
    }

    /**
     * Child events of {@code event} by relation ({@code relType} and {@code eventType} may be null).
     * Returns the raw answer: {@code chunk} and {@code next_batch}.
     */
    public JsonNode relations(RoomId room, EventId event, String relType, String eventType, String from) {
        StringBuilder path = new StringBuilder("/_matrix/client/v1/rooms/").append(seg(room.value()))
                .append("/relations/").append(seg(event.value()));
        if (relType != null) {
            path.append('/').append(seg(relType));
            if (eventType != null) {
                path.append('/').append(seg(eventType));
            }
        }
        Map<String, String> q = new LinkedHashMap<>();
        if (from != null) {
            q.put("from", from);
        }
        return http.get(path.toString(), q, retry);
    }

    /**
     * One page of room history. {@code from} may be null (then backwards paging starts at the newest event
     * and forwards paging at the oldest). {@code filter} may be null; it is sent as a JSON string.
     */
    public MessagesPage messages(RoomId room, String from, Direction dir, int limit, JsonNode filter) {
        Map<String, String> q = new LinkedHashMap<>();
        if (from != null) {
            q.put("from", from);
        }
        q.put("dir", dir.param());
        q.put("limit", Integer.toString(limit));
        if (filter != null) {
            q.put("filter", filter.toString());
        }
        JsonNode r = http.get(V3 + "/rooms/" + seg(room.value()) + "/messages", q, retry);
        List<JsonNode> chunk = new ArrayList<>();
        r.path("chunk").forEach(chunk::add);
        List<JsonNode> state = new ArrayList<>();
        r.path("state").forEach(state::add);
        return new MessagesPage(chunk, r.path("start").asText(null), r.hasNonNull("end") ? r.get("end").asText() : null, state);
    }

    // ---- sync and filters ----

    public String uploadFilter(JsonNode filter) {
        JsonNode r = http.post(V3 + "/user/" + seg(session().userId().value()) + "/filter", filter, retry);
        return r.get("filter_id").asText();
    }

    /**
     * One long-poll of {@code /sync}. {@code since} may be null for the first sync. The timeout must be
     * positive: a zero timeout would spin. Pass an exchange to be able to cancel the poll on shutdown.
     */
    public JsonNode sync(String since, String filterId, Duration timeout, HttpTransport.Exchange exchange,
                         RetryPolicy policy) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("sync timeout must be positive");
        }
        Map<String, String> q = new LinkedHashMap<>();
        if (since != null) {
            q.put("since", since);
        }
        if (filterId != null) {
            q.put("filter", filterId);
        }
        q.put("timeout", Long.toString(timeout.toMillis()));
        return http.execute("GET", V3 + "/sync", q, null, policy, exchange, timeout.plusSeconds(30));
    }

    // ---- generic JSON calls, for the key and to-device endpoints used by the crypto layer ----

    public JsonNode postJson(String path, JsonNode body) {
        return http.post(path, body, retry);
    }

    public JsonNode putJson(String path, JsonNode body) {
        return http.put(path, body, retry);
    }

    public JsonNode getJson(String path, Map<String, String> query) {
        return http.get(path, query, retry);
    }
}
