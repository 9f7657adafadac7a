package org.compliancebot.bot.incident.matrix;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.compliancebot.bot.config.BotConfig;
import org.compliancebot.bot.config.IncidentConfig;
import org.compliancebot.bot.incident.IncidentService;
import org.compliancebot.bot.incident.InvitePolicy;
import org.compliancebot.bot.incident.Severity;
import org.compliancebot.bot.incident.store.JdbcIncidentStore;
import org.compliancebot.bot.incident.store.JdbcTranscriptStore;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bot.roles.RoleDirectory;
import org.compliancebot.bridge.store.Database;

/** Builds the incident service from the configuration, for the bot and for the command line alike. */
public final class IncidentSetup {
    private IncidentSetup() {}

    /** The role holders of the {@code roles:} section. */
    public static RoleDirectory roles(BotConfig config) {
        RoleDirectory.Builder b = RoleDirectory.forServer(config.homeserver().serverName());
        config.roles().forEach((key, users) -> {
            Role role = Role.parse(key).orElseThrow(() -> new IllegalArgumentException("unknown role " + key));
            users.forEach(u -> b.grant(role, u));
        });
        return b.build();
    }

    /** The invite rules of {@code incident.invites}. */
    public static InvitePolicy invitePolicy(IncidentConfig config) {
        Map<Severity, List<Role>> rules = new EnumMap<>(Severity.class);
        config.invites().forEach((severity, roles) -> rules.put(Severity.parse(severity).orElseThrow(),
                roles.stream().map(r -> Role.parse(r).orElseThrow()).toList()));
        return new InvitePolicy(rules);
    }

    /** Migrates the incident tables and returns the service on {@code db}. */
    public static IncidentService service(Database db, BotConfig config, Clock clock) {
        JdbcIncidentStore.migrate(db);
        return new IncidentService(new JdbcIncidentStore(db), new JdbcTranscriptStore(db),
                invitePolicy(config.incident()), roles(config), clock,
                Duration.ofMinutes(config.incident().responseTargetMinutes()));
    }
}
