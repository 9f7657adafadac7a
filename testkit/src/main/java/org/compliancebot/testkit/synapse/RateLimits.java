package org.compliancebot.testkit.synapse;

/** Which rate limits a test homeserver enforces. */
public enum RateLimits {
    /** The overlay's very high limits: tests may send, register and invite as fast as they like. */
    LIFTED,
    /** The limits of the production homeserver.yaml, unchanged. */
    PRODUCTION,
    /** No {@code rc_*} settings at all, so Synapse's built-in defaults apply (0.2 messages/s, burst 10...). */
    SYNAPSE_DEFAULTS
}
