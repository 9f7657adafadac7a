package org.compliancebot.bot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.compliancebot.bot.app.BotApplication;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ImpactAssessment;
import org.compliancebot.bot.change.ImpactLevel;
import org.compliancebot.bot.change.Likelihood;
import org.compliancebot.bot.change.Risk;
import org.compliancebot.bot.change.RiskAssessment;
import org.compliancebot.bot.change.RiskImpact;
import org.compliancebot.bot.change.store.ChangeStore;
import org.compliancebot.bot.change.workflow.AssessmentInput;
import org.compliancebot.bot.change.workflow.NewChange;
import org.compliancebot.bot.change.workflow.TimerPolicy;
import org.compliancebot.bot.change.workflow.WorkflowPolicy;
import org.compliancebot.bot.oversight.ApprovalPolicy;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bot.roles.RoleDirectory;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.js.JsEvent;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Latency of an oversight decision on the loopback Synapse, in an encrypted room: from just before the
 * overseer's reply is sent to the bot's confirmation arriving, decrypted, at the overseer's client.
 * The baseline in the same run is {@code !ping} → {@code pong} over the same path; the two alternate.
 *
 * <p>Not part of the default build (tag {@code benchmark}). Run it with:
 * <pre>
 * ./mvnw -B -q -pl bot -am test -Dtest=OversightLatencyBenchmark -DexcludedTestGroups=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Results are printed to the test's output ({@code bot/target/surefire-reports/*OversightLatencyBenchmark-output.txt}).
 */
@Tag("benchmark")
@ExtendWith(SynapseExtension.class)
class OversightLatencyBenchmark {
    private static final int DECISIONS = Integer.getInteger("oversight.decisions", 200);

    @TempDir
    Path dir;

    @Test
    void decisionLatencyAgainstTheEchoBaseline(SynapseServer server, JsClients clients) throws Exception {
        RegisteredUser botUser = server.registerUniqueUser("bot");
        RegisteredUser olgaUser = server.registerUniqueUser("olga");
        JsClient olga = clients.encryptedClient(server, olgaUser);
        UserId requester = UserId.of(server.userId("requester"));
        UserId assessor = UserId.of(server.userId("assessor"));
        OversightHarness h = new OversightHarness(server, botUser, dir, Map.of("human_overseer", List.of(olgaUser.userId()),
                "security_lead", List.of(assessor.value())), List.of(olga));
        try (BotApplication app = h.start()) {
            List<String> crIds = openRequests(h, requester, assessor, olgaUser);
            List<String> requestEvents = new ArrayList<>();
            for (String cr : crIds) {
                requestEvents.add(olga.awaitEvent(e -> e.isTimeline() && e.isDecrypted() && e.body() != null
                        && e.body().startsWith("Change Approval Request: " + cr + "\n"), OversightHarness.WAIT).eventId());
            }
            for (int i = 0; i < 5; i++) {
                roundTrip(olga, h, () -> olga.sendText(h.room.value(), "!ping"));
            }
            long[] echo = new long[DECISIONS];
            long[] decision = new long[DECISIONS];
            for (int i = 0; i < DECISIONS; i++) {
                echo[i] = roundTrip(olga, h, () -> olga.sendText(h.room.value(), "!ping"));
                String root = requestEvents.get(i);
                decision[i] = roundTrip(olga, h, () -> olga.sendReply(h.room.value(), root, "APPROVED"));
            }
            assertThat(h.bot.count("SELECT COUNT(*) FROM change_request WHERE state = 'APPROVED'")).isEqualTo(DECISIONS);
            assertThat(h.bot.count("SELECT COUNT(*) FROM decision_evidence WHERE outcome LIKE 'accepted:%'")).isEqualTo(DECISIONS);
            report(echo, decision);
        }
    }

    /** Milliseconds from just before {@code send} to the bot's answer to what it sent arriving, decrypted. */
    private static long roundTrip(JsClient who, OversightHarness h, java.util.function.Supplier<String> send) {
        long start = System.nanoTime();
        String id = send.get();
        h.answerTo(who, id);
        return (System.nanoTime() - start) / 1_000;
    }

    /** Opens the approval requests directly in the bot's database, as the command line would; the bot posts them. */
    private static List<String> openRequests(OversightHarness h, UserId requester, UserId assessor, RegisteredUser olga) {
        RoleDirectory roles = RoleDirectory.forServer(h.bot.server.serverName())
                .grant(Role.HUMAN_OVERSEER, UserId.of(olga.userId())).grant(Role.SECURITY_LEAD, assessor).build();
        List<String> ids = new ArrayList<>();
        try (Database db = Database.openSqlite(h.bot.database)) {
            ChangeStore store = new ChangeStore(db, Clock.systemUTC(), UserId.of(h.bot.account.userId()), roles,
                    ApprovalPolicy.defaults(), WorkflowPolicy.defaults(), TimerPolicy.defaults());
            store.inTransaction(s -> {
                for (int i = 0; i < DECISIONS; i++) {
                    ChangeRequest cr = s.submit(s.create(requester, NewChange.normal("Benchmark change " + i)).ref(), requester);
                    s.assess(cr.id(), AssessmentInput.of(ImpactAssessment.uniform(ImpactLevel.MEDIUM), new RiskAssessment(
                            List.of(Risk.of("RISK-1", "latency", Likelihood.LIKELY, RiskImpact.MINOR)))), assessor);
                    s.requestApproval(cr.id(), requester);
                    ids.add(cr.id().toString());
                }
                return null;
            });
        }
        return ids;
    }

    private static void report(long[] echoMicros, long[] decisionMicros) {
        double e50 = percentile(echoMicros, 50);
        double e99 = percentile(echoMicros, 99);
        double d50 = percentile(decisionMicros, 50);
        double d99 = percentile(decisionMicros, 99);
        System.out.printf("oversight latency over %d decisions (loopback Synapse, encrypted room)%n", decisionMicros.length);
        System.out.printf("  echo (!ping -> pong): p50 %.1f ms, p99 %.1f ms%n", e50 / 1000, e99 / 1000);
        System.out.printf("  decision (APPROVED -> confirmation): p50 %.1f ms, p99 %.1f ms%n", d50 / 1000, d99 / 1000);
        System.out.printf("  ratio decision/echo: p50 %.2f, p99 %.2f (target p99 <= 1.50: %s)%n", d50 / e50, d99 / e99,
                d99 <= 1.5 * e99 ? "met" : "missed");
    }

    private static double percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
