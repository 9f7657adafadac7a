package org.compliancebot.bot.watchdog.matrix;

import java.util.concurrent.TimeUnit;
import org.compliancebot.bridge.outbox.Outbox;

/**
 * A token bucket in front of every send of the bot, so that it stays under the homeserver's message
 * rate limit instead of running into 429 answers. Synapse's limiter allows {@code burst} messages at
 * once and then {@code rate} per second; the bucket keeps one message and a twentieth of the rate in
 * hand for the requests it cannot see (room creation, state changes made elsewhere).
 * The bucket starts empty, because the server's count of the bot's recent actions (a previous run,
 * the joins of start-up) is unknown; and whenever the server answers 429 anyway, the bucket is emptied
 * again, so the pacer falls back in step with the server instead of running ahead of it.
 * A rate of zero turns pacing off (for a bot exempt from rate limits).
 */
public final class RatePacer implements Outbox.Pacer {
    private final double ratePerNano;
    private final double capacity;
    private final java.util.function.LongSupplier rateLimitedAnswers;
    private long seenRateLimited;
    private double tokens;
    private long last;

    /** @param rateLimitedAnswers how many 429 answers the bot has had so far (e.g. the transport's count) */
    public RatePacer(double messagesPerSecond, int burst, java.util.function.LongSupplier rateLimitedAnswers) {
        this.ratePerNano = messagesPerSecond * 0.95 / 1e9;
        this.capacity = Math.max(1, burst - 1);
        this.rateLimitedAnswers = rateLimitedAnswers;
        this.seenRateLimited = rateLimitedAnswers.getAsLong();
        this.tokens = 0;
        this.last = System.nanoTime();
    }

    /** True when this pacer never waits. */
    public boolean isOff() {
        return ratePerNano == 0;
    }

    @Override
    public void beforeSend() throws InterruptedException {
        if (isOff()) {
            return;
        }
        long wait;
        synchronized (this) {
            refill();
            long limited = rateLimitedAnswers.getAsLong();
            if (limited != seenRateLimited) {
                seenRateLimited = limited;
                tokens = Math.min(tokens, 0);
            }
            if (tokens >= 1) {
                tokens -= 1;
                return;
            }
            wait = (long) Math.ceil((1 - tokens) / ratePerNano);
            // Claim the token now; the caller sleeps until it has accrued.
            tokens -= 1;
        }
        TimeUnit.NANOSECONDS.sleep(wait);
    }

    /** Messages that could go out right now without waiting. */
    public synchronized double available() {
        refill();
        return Math.max(0, tokens);
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
        last = now;
    }
}
