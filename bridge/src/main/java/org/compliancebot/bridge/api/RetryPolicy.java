package org.compliancebot.bridge.api;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to retry a request. 429 answers wait as long as the server says (at least);
 * 5xx answers and network failures back off exponentially from {@code base} up to {@code cap},
 * with full jitter. Other 4xx answers are never retried.
 *
 * @param maxAttempts total attempts including the first; {@link Integer#MAX_VALUE} retries until it works
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(30));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The delay before attempt {@code attempt + 1}, given the failure of attempt {@code attempt} (1-based). */
    public Duration delayAfter(int attempt, MatrixException failure) {
        if (failure.httpStatus() == 429) {
            Duration asked = failure.retryAfter().orElse(base);
            return asked.isNegative() ? Duration.ZERO : asked;
        }
        long capMs = cap.toMillis();
        long exp = base.toMillis() << Math.min(attempt - 1, 20);
        long bound = Math.max(1, Math.min(capMs, exp));
        return Duration.ofMillis(bound / 2 + ThreadLocalRandom.current().nextLong(bound / 2 + 1));
    }

    public boolean shouldRetry(int attempt, MatrixException failure) {
        return attempt < maxAttempts && failure.isTransient();
    }
}
