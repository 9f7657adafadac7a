package org.compliancebot.bot.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.compliancebot.bot.testing.People.*;

import org.compliancebot.bot.testing.MutableClock;
import org.junit.jupiter.api.Test;

class InMemoryIdentityPinsTest {
    @Test
    void firstSeenThenMatchThenChangedUntilRepinned() {
        InMemoryIdentityPins pins = new InMemoryIdentityPins(MutableClock.at("2026-03-02T09:00:00Z"));
        assertThat(pins.check(OLGA, "K1")).isEqualTo(PinCheck.FIRST_SEEN);
        pins.pin(OLGA, "K1");
        assertThat(pins.check(OLGA, "K1")).isEqualTo(PinCheck.MATCH);
        assertThat(pins.check(OLGA, "K2")).isEqualTo(PinCheck.CHANGED);
        pins.pin(OLGA, "K1");
        assertThatThrownBy(() -> pins.pin(OLGA, "K2")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("re-pin");
        pins.repin(OLGA, "K2", LEE);
        assertThat(pins.check(OLGA, "K2")).isEqualTo(PinCheck.MATCH);
        assertThat(pins.check(OLGA, "K1")).isEqualTo(PinCheck.CHANGED);
        assertThat(pins.history()).singleElement().satisfies(r -> {
            assertThat(r.admin()).isEqualTo(LEE);
            assertThat(r.oldKey()).isEqualTo("K1");
        });
        assertThat(pins.check(SAM, "K1")).isEqualTo(PinCheck.FIRST_SEEN);
    }
}
