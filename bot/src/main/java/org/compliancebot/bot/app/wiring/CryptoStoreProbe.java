package org.compliancebot.bot.app.wiring;

import java.util.Optional;
import org.compliancebot.bot.watchdog.selfcheck.HealthProbe;
import org.compliancebot.bridge.e2ee.E2ee;

/**
 * The crypto store is in trouble when the bot's device is no longer cross-signed (people's clients then
 * stop sharing room keys with it, so it cannot read approvals), when many encrypted events wait for
 * their room keys, or when the store cannot be read at all.
 */
final class CryptoStoreProbe implements HealthProbe {
    /** More events than this waiting for keys means keys are not arriving, not merely late. */
    static final int PENDING_LIMIT = 50;

    private final E2ee e2ee;

    CryptoStoreProbe(E2ee e2ee) {
        this.e2ee = e2ee;
    }

    @Override
    public String name() {
        return "crypto store";
    }

    @Override
    public Optional<String> problem() {
        try {
            if (!e2ee.isCrossSigningReady()) {
                return Optional.of("The bot's device is not signed by its cross-signing identity: other clients will "
                        + "not share room keys with it. Run the bootstrap again or check the crypto store.");
            }
            int pending = e2ee.pendingEventCount();
            if (pending > PENDING_LIMIT) {
                return Optional.of(pending + " encrypted events are waiting for their room keys (limit " + PENDING_LIMIT
                        + "): the bot cannot read them.");
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("The crypto store cannot be used: " + e.getMessage());
        }
    }
}
