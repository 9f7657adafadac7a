package org.compliancebot.bot.watchdog;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.compliancebot.bot.watchdog.selfcheck.HealthProbe;
import org.compliancebot.bridge.sync.SyncEngine;

/** The sync loop is in trouble when it has stopped, or has not completed a round for five minutes. */
final class SyncLoopProbe implements HealthProbe {
    private static final Duration STALE = Duration.ofMinutes(5);

    private final SyncEngine engine;
    private final Clock clock;

    SyncLoopProbe(SyncEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sync loop";
    }

    @Override
    public Optional<String> problem() {
        if (!engine.isRunning()) {
            return Optional.of("The sync loop is not running" + engine.fatalError().map(e -> ": " + e.getMessage()).orElse("."));
        }
        long last = engine.lastSuccessMillis();
        if (last > 0 && clock.millis() - last > STALE.toMillis()) {
            return Optional.of("No sync round completed for " + (clock.millis() - last) / 60_000 + " minutes.");
        }
        return Optional.empty();
    }
}
