package org.compliancebot.bot.watchdog.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RatePacerTest {
    @Test
    void startsEmptyAndAllowsTheBurstOnlyAfterItAccrued() throws Exception {
        RatePacer p = new RatePacer(50, 5, () -> 0);
        assertThat(p.available()).isLessThan(1);
        long t0 = System.nanoTime();
        p.beforeSend();
        assertThat((System.nanoTime() - t0) / 1e6).as("first token after about 1/47.5 s").isGreaterThan(10);
        Thread.sleep(200);
        assertThat(p.available()).isEqualTo(4.0);
    }

    @Test
    void aRateLimitedAnswerEmptiesTheBucket() throws Exception {
        AtomicLong limited = new AtomicLong();
        RatePacer p = new RatePacer(100, 10, limited::get);
        Thread.sleep(150);
        p.beforeSend();
        assertThat(p.available()).isGreaterThan(7);
        limited.incrementAndGet();
        long t0 = System.nanoTime();
        p.beforeSend();
        assertThat((System.nanoTime() - t0) / 1e6).as("waits for a fresh token").isGreaterThan(5);
    }

    @Test
    void zeroRateIsOff() throws Exception {
        RatePacer p = new RatePacer(0, 10, () -> 0);
        long t0 = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            p.beforeSend();
        }
        assertThat(p.isOff()).isTrue();
        assertThat((System.nanoTime() - t0) / 1e6).isLessThan(500);
    }
}
