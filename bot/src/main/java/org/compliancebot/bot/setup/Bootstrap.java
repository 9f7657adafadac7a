package org.compliancebot.bot.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.compliancebot.bot.app.BotApplication;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bridge.api.CreateRoomRequest;
import org.compliancebot.bridge.api.ErrCode;
import org.compliancebot.bridge.api.HttpTransport;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MatrixException;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomAlias;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;

/**
 * Prepares a homeserver for the bot, idempotently: registers the bot account through the shared
 * secret, exempts it from rate limits, sets up its cross-signing, creates the base rooms with their
 * owners, encryption and retention, and invites the role holders. A second run finds everything in
 * place and changes nothing.
 */
public final class Bootstrap {
    /** What a run did. A run that changed nothing has an empty {@link #changes()}. */
    public record Report(Map<String, RoomId> rooms, List<String> changes, boolean crossSigned) {}

    private final BotConfig config;
    private final Secrets secrets;
    private final Clock clock;
    private final String adminLocalpart;
    private final Consumer<String> progress;
    private final RoomGovernance governance = new RoomGovernance();

    public Bootstrap(BotConfig config, Secrets secrets, Clock clock, String adminLocalpart, Consumer<String> progress) {
        this.config = config;
        this.secrets = secrets;
        this.clock = clock;
        this.adminLocalpart = adminLocalpart;
        this.progress = progress;
    }

    public Report run() {
        List<String> changes = new ArrayList<>();
        UserId bot = UserId.of(config.bot().userId());
        MatrixClient anonymous = MatrixClient.create(config.homeserver().url());
        SharedSecretRegistration registration = new SharedSecretRegistration(anonymous,
                secrets.require(Secrets.REGISTRATION_SHARED_SECRET, "bootstrap registers accounts with it"));
        String botPassword = secrets.require(Secrets.PASSWORD, "the bot account's password");
        if (registration.register(bot.localpart(), botPassword, false) == SharedSecretRegistration.Outcome.CREATED) {
            changes.add("registered " + bot);
        }
        progress.accept("Bot account " + bot + " is registered");
        exemptFromRateLimits(registration, bot, changes);

        BotApplication app = new BotApplication(config, secrets, clock);
        try {
            app.start();
            boolean crossSigned = app.e2ee().isCrossSigningReady();
            progress.accept("Cross-signing of the bot's device: " + (crossSigned ? "ready" : "NOT ready"));
            Map<String, RoomId> rooms = new java.util.LinkedHashMap<>();
            for (BaseRoom room : BaseRoom.ALL) {
                rooms.put(room.key(), ensureRoom(app.client(), bot, room, changes));
            }
            return new Report(rooms, List.copyOf(changes), crossSigned);
        } finally {
            app.stop();
        }
    }

    private void exemptFromRateLimits(SharedSecretRegistration registration, UserId bot, List<String> changes) {
        String adminPassword = secrets.require(Secrets.ADMIN_PASSWORD, "bootstrap signs in as the homeserver admin "
                + "to exempt the bot from rate limits");
        if (registration.register(adminLocalpart, adminPassword, true) == SharedSecretRegistration.Outcome.CREATED) {
            changes.add("registered the admin account " + adminLocalpart);
        }
        MatrixClient admin = MatrixClient.create(config.homeserver().url());
        try {
            admin.login(UserId.of("@" + adminLocalpart + ":" + config.homeserver().serverName()), adminPassword,
                    DeviceId.of("COMPLIANCEBOT_BOOTSTRAP"), "compliance bot bootstrap");
        } catch (MatrixException e) {
            throw new SetupException("cannot sign in as the admin account '" + adminLocalpart + "': it exists with "
                    + "another password than " + Secrets.ADMIN_PASSWORD, e);
        }
        String path = "/_synapse/admin/v1/users/" + HttpTransport.seg(bot.value()) + "/override_ratelimit";
        JsonNode current = admin.getJson(path, Map.of());
        if (current.path("messages_per_second").asInt(-1) == 0 && current.path("burst_count").asInt(-1) == 0) {
            progress.accept("Rate-limit exemption of " + bot + " is in place");
            return;
        }
        admin.postJson(path, new ObjectMapper().createObjectNode().put("messages_per_second", 0).put("burst_count", 0));
        changes.add("exempted " + bot + " from rate limits");
        progress.accept("Exempted " + bot + " from rate limits");
    }

    private RoomId ensureRoom(MatrixClient client, UserId bot, BaseRoom room, List<String> changes) {
        RoomAlias alias = aliasFor(room);
        List<UserId> owners = holders(room.ownerRole());
        Set<UserId> invitees = new LinkedHashSet<>(owners);
        room.memberRoles().forEach(r -> invitees.addAll(holders(r)));
        invitees.remove(bot);
        Optional<RoomId> existing = client.resolveAlias(alias);
        RoomId id;
        if (existing.isPresent()) {
            id = existing.get();
        } else {
            // Created with the bot at 100 (the initial state needs it), then the bot steps down to 50 when
            // the room has an owner. Room version 11: from 12 on, the creator could never step down.
            id = client.createRoom(CreateRoomRequest.builder()
                    .roomVersion(RoomGovernance.ROOM_VERSION)
                    .preset("private_chat").name(room.name()).topic(room.topic()).roomAliasName(alias.localpart())
                    .creationContent(governance.noFederation())
                    .initialState("m.room.encryption", "", governance.encryption())
                    .initialState("m.room.retention", "", governance.retention())
                    .initialState("m.room.guest_access", "", new ObjectMapper().createObjectNode().put("guest_access", "forbidden"))
                    .initialState("m.room.history_visibility", "", new ObjectMapper().createObjectNode().put("history_visibility", "shared"))
                    .powerLevelContentOverride(governance.powerLevels(bot, RoomGovernance.OWNER, owners))
                    .build());
            if (!owners.isEmpty()) {
                client.putState(id, "m.room.power_levels", "", governance.powerLevels(bot, RoomGovernance.BOT_WITH_OWNER, owners));
            }
            changes.add("created " + alias + " (" + id + ")");
        }
        Set<String> present = members(client, id);
        for (UserId user : invitees) {
            if (!present.contains(user.value())) {
                try {
                    client.invite(id, user, "You hold a role in " + room.name());
                    changes.add("invited " + user + " to " + alias);
                } catch (MatrixException e) {
                    if (!e.is(ErrCode.M_FORBIDDEN)) {
                        throw e;
                    }
                    progress.accept("Could not invite " + user + " to " + alias + ": " + e.getMessage());
                }
            }
        }
        progress.accept("Room " + alias + " is " + id);
        return id;
    }

    /** Users joined to or invited into the room. */
    private static Set<String> members(MatrixClient client, RoomId room) {
        JsonNode r = client.getJson("/_matrix/client/v3/rooms/" + HttpTransport.seg(room.value()) + "/members",
                Map.of("not_membership", "leave"));
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode ev : r.path("chunk")) {
            String m = ev.path("content").path("membership").asText();
            if (m.equals("join") || m.equals("invite")) {
                out.add(ev.path("state_key").asText());
            }
        }
        return out;
    }

    private RoomAlias aliasFor(BaseRoom room) {
        String configured = config.rooms().get(room.key());
        RoomAlias alias = RoomAlias.of(configured != null ? configured : "#" + room.localpart() + ":" + config.homeserver().serverName());
        if (!alias.value().endsWith(":" + config.homeserver().serverName())) {
            throw new SetupException("rooms." + room.key() + " is " + alias + ", which is not on the local server "
                    + config.homeserver().serverName() + "; base rooms must be local");
        }
        return alias;
    }

    private List<UserId> holders(String role) {
        return config.roles().getOrDefault(role, List.of()).stream().map(UserId::of).toList();
    }
}
