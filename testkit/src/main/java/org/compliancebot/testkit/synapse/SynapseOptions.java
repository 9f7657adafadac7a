package org.compliancebot.testkit.synapse;

import java.time.Duration;
import java.util.Objects;

/**
 * How to run a test homeserver.
 *
 * @param name         short name used in the run directory ({@code .testkit/run/<name>-<timestamp>})
 * @param rateLimits   which rate limits apply
 * @param serverName   the server name (user IDs end in {@code :serverName})
 * @param startTimeout how long to wait for {@code /health} after starting the process
 */
public record SynapseOptions(String name, RateLimits rateLimits, String serverName, Duration startTimeout) {

    /** Server name of test homeservers unless set otherwise. */
    public static final String DEFAULT_SERVER_NAME = "localhost";

    public SynapseOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("name must be usable in a directory name: " + name);
        }
    }

    /** The shared test instance: limits lifted. */
    public static SynapseOptions shared() {
        return new SynapseOptions("shared", RateLimits.LIFTED, DEFAULT_SERVER_NAME, Duration.ofSeconds(90));
    }

    /** A dedicated instance with the production rate limits of homeserver.yaml. */
    public static SynapseOptions productionLimits(String name) {
        return new SynapseOptions(name, RateLimits.PRODUCTION, DEFAULT_SERVER_NAME, Duration.ofSeconds(90));
    }

    /** A copy with other rate limits. */
    public SynapseOptions withRateLimits(RateLimits limits) {
        return new SynapseOptions(name, limits, serverName, startTimeout);
    }

    /** A copy with another name. */
    public SynapseOptions withName(String newName) {
        return new SynapseOptions(newName, rateLimits, serverName, startTimeout);
    }

    /** A copy with another start timeout. */
    public SynapseOptions withStartTimeout(Duration timeout) {
        return new SynapseOptions(name, rateLimits, serverName, timeout);
    }
}
