package org.compliancebot.bot.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.RateLimits;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseOptions;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 distinct alerts in a burst against a Synapse with its default rate limits (0.2 messages/s, bursts
 * of 10) and no exemption for the bot: every alert reaches the room, alone or in a digest, and the bot
 * never gets a 429.
 */
@ExtendWith(SynapseExtension.class)
class WatchdogBurstAcceptanceTest {
    private static final Pattern ALERT_NUMBER = Pattern.compile("(?:#|Alert #)(\\d+)");

    @TempDir
    Path dir;

    @Test
    void fiveHundredAlertsInABurstAllArriveWithoutA429(JsClients clients) throws Exception {
        try (SynapseServer limited = SynapseServer.startDedicated(SynapseOptions.shared().withName("wd-defaults")
                .withRateLimits(RateLimits.SYNAPSE_DEFAULTS))) {
            RegisteredUser alice = limited.registerUniqueUser("alice");
            JsClient human = clients.encryptedClient(limited, alice);
            try (WatchdogBot w = new WatchdogBot(limited, limited.registerUniqueUser("bot"), human, dir)) {
                w.start("self_check: {enabled: false}", alice.userId(), Clock.systemUTC(), null);
                AtomicInteger accepted = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<?>> sends = new java.util.ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    int n = i;
                    sends.add(pool.submit(() -> {
                        var r = w.post("/webhooks/ci", WatchdogBot.GENERIC_TOKEN, AcceptanceBodies.generic("burst-" + n,
                                n % 50 == 0 ? "critical" : "warning", "Burst alert " + n));
                        if (r.statusCode() == 200) {
                            accepted.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : sends) {
                    f.get();
                }
                pool.shutdown();
                assertThat(accepted.get()).isEqualTo(500);

                WatchdogBot.await("every alert posted", Duration.ofMinutes(8), () -> {
                    try {
                        return allPosted(w);
                    } catch (Exception e) {
                        return false;
                    }
                });
                Set<Long> seen = new TreeSet<>();
                for (JsonNode e : w.botPosts(w.monitoring)) {
                    Matcher m = ALERT_NUMBER.matcher(e.path("content").path("body").asText());
                    while (m.find()) {
                        seen.add(Long.parseLong(m.group(1)));
                    }
                }
                Set<Long> ids = new TreeSet<>();
                w.api("/api/v1/alerts?status=all&limit=1000").path("alerts").forEach(a -> ids.add(a.path("id").asLong()));
                assertThat(ids).hasSize(500);
                assertThat(seen).as("alert numbers in the monitoring room").containsAll(ids);
                assertThat(w.app.client().transport().rateLimitedCount()).as("429 answers to the bot").isZero();
                System.out.println("burst: " + w.botPosts(w.monitoring).size() + " messages in the monitoring room for 500 alerts");
            }
        }
    }

    private static boolean allPosted(WatchdogBot w) throws Exception {
        JsonNode alerts = w.api("/api/v1/alerts?status=all&limit=1000").path("alerts");
        if (alerts.size() < 500) {
            return false;
        }
        for (JsonNode a : alerts) {
            if (a.path("event_id").isNull() && a.path("digest_id").isNull()) {
                return false;
            }
        }
        // A digest id is assigned before the digest is sent: wait until nothing is left in the outbox.
        return w.app.outbox().pendingCount() == 0;
    }
}
