package org.compliancebot.bot.roles;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.compliancebot.bridge.id.UserId;

/**
 * Who holds which role: an immutable map from {@link Role} to sets of Matrix user IDs.
 *
 * <p>Only users of the local homeserver may hold a role. A federated user could be created by
 * anyone who runs a server, so the builder refuses them outright rather than trusting
 * configuration to be careful.
 */
public final class RoleDirectory {
    private final String localServer;
    private final Map<Role, Set<UserId>> holders;

    private RoleDirectory(String localServer, Map<Role, Set<UserId>> holders) {
        this.localServer = localServer;
        this.holders = holders;
    }

    /** Starts a directory for users of {@code localServer} (the server name, e.g. {@code example.org}). */
    public static Builder forServer(String localServer) {
        return new Builder(localServer);
    }

    /** An empty directory: nobody holds any role. */
    public static RoleDirectory empty(String localServer) {
        return forServer(localServer).build();
    }

    public String localServer() {
        return localServer;
    }

    /** The roles {@code user} holds; empty if none. Never null. */
    public Set<Role> rolesOf(UserId user) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        holders.forEach((role, users) -> {
            if (users.contains(user)) {
                roles.add(role);
            }
        });
        return Collections.unmodifiableSet(roles);
    }

    public boolean holds(UserId user, Role role) {
        return holders.getOrDefault(role, Set.of()).contains(user);
    }

    /** True if {@code user} holds at least one of {@code roles}. */
    public boolean holdsAny(UserId user, Set<Role> roles) {
        return roles.stream().anyMatch(r -> holds(user, r));
    }

    /** The holders of {@code role}, in the order they were granted. */
    public Set<UserId> holders(Role role) {
        return holders.getOrDefault(role, Set.of());
    }

    @Override
    public String toString() {
        return "RoleDirectory[" + localServer + ", " + holders + "]";
    }

    /** Collects role grants; {@link #grant} refuses users of other servers. */
    public static final class Builder {
        private final String localServer;
        private final Map<Role, Set<UserId>> holders = new EnumMap<>(Role.class);

        private Builder(String localServer) {
            Objects.requireNonNull(localServer, "local server");
            if (localServer.isBlank()) {
                throw new IllegalArgumentException("the local server name must not be blank");
            }
            this.localServer = localServer;
        }

        /**
         * Grants {@code role} to {@code user}.
         *
         * @throws IllegalArgumentException if {@code user} is not on the local server
         */
        public Builder grant(Role role, UserId user) {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(user, "user");
            if (!user.server().equals(localServer)) {
                throw new IllegalArgumentException("cannot give the role " + role.key() + " to " + user
                        + ": only users of the local server " + localServer + " may hold roles");
            }
            holders.computeIfAbsent(role, r -> new LinkedHashSet<>()).add(user);
            return this;
        }

        /** Grants {@code role} to each of {@code users}, parsing them as Matrix user IDs. */
        public Builder grant(Role role, String... users) {
            for (String u : users) {
                grant(role, UserId.of(u));
            }
            return this;
        }

        public RoleDirectory build() {
            Map<Role, Set<UserId>> copy = new EnumMap<>(Role.class);
            holders.forEach((r, users) -> copy.put(r, Collections.unmodifiableSet(new LinkedHashSet<>(users))));
            return new RoleDirectory(localServer, Collections.unmodifiableMap(copy));
        }
    }
}
