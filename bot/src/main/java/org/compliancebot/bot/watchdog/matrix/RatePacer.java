package org.compliancebot.bot.watchdog.matrix;

import java.util.concurrent.TimeUnit;
import org.compliancebot.bridge.outbox.Outbox;

/**
 * A token bucket in front of every send of the bot, so that it stays under the homeserver's message
 * rate limit instead of running into 429 answers. Synapse's limiter allows {@code burst} messages at
 * once and then {@code rate} per second; the bucket keeps one message and a twentieth of the rate in
 * hand for the requests it cannot see (room creation, state changes made elsewhere).
 * A rate of zero turns pacing off (for a bot exempt from rate limits).
 */
public final class RatePacer implements Outbox.Pacer {
    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long last;

    public RatePacer(double messagesPerSecond, int burst) {
        this.ratePerNano = messagesPerSecond * 0.95 / 1e9;
        this.capacity = Math.max(1, burst - 1);
        this.tokens = capacity;
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
