package org.compliancebot.bot.oversight;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.compliancebot.bridge.id.UserId;

/** {@link IdentityPins} in memory, keeping a history of re-pins. */
public final class InMemoryIdentityPins implements IdentityPins {
    private final Clock clock;
    private final Map<UserId, String> pins = new HashMap<>();
    private final List<Repin> history = new ArrayList<>();

    public InMemoryIdentityPins(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized PinCheck check(UserId user, String masterKey) {
        String pinned = pins.get(user);
        if (pinned == null) {
            return PinCheck.FIRST_SEEN;
        }
        return pinned.equals(masterKey) ? PinCheck.MATCH : PinCheck.CHANGED;
    }

    @Override
    public synchronized void pin(UserId user, String masterKey) {
        Objects.requireNonNull(masterKey, "master key");
        String pinned = pins.putIfAbsent(user, masterKey);
        if (pinned != null && !pinned.equals(masterKey)) {
            throw new IllegalStateException("a different identity is pinned for " + user + "; an admin must re-pin it");
        }
    }

    @Override
    public synchronized void repin(UserId user, String masterKey, UserId admin) {
        Objects.requireNonNull(masterKey, "master key");
        String old = pins.put(user, masterKey);
        history.add(new Repin(user, old, masterKey, admin, clock.instant()));
    }

    public synchronized List<Repin> history() {
        return List.copyOf(history);
    }

    /** One re-pin: whose identity, from which key to which, by which admin, when. */
    public record Repin(UserId user, String oldKey, String newKey, UserId admin, Instant at) {}
}
