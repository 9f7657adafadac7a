package org.compliancebot.bot.evidence.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.compliancebot.bot.evidence.EventDecryptor;
import org.compliancebot.bot.evidence.EvidenceFixture;
import org.compliancebot.bot.evidence.EvidenceLinks;
import org.compliancebot.bot.evidence.ExportProgress;
import org.compliancebot.bot.evidence.ExportScope;
import org.compliancebot.bot.evidence.SessionExportSource;
import org.compliancebot.bot.evidence.packet.PacketWriter;
import org.compliancebot.bot.evidence.store.PacketExporter;
import org.compliancebot.bot.evidence.verify.PacketVerifier;
import org.compliancebot.bridge.api.Direction;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MessagesPage;
import org.compliancebot.bridge.id.DeviceId;
import org.compliancebot.bridge.id.RoomId;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.junit.SynapseExtension;
import org.compliancebot.testkit.synapse.RegisteredUser;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark harness, not part of the default suite (surefire runs only *Test classes): an encrypted room of
 * N messages (default 10,000; {@code -Devidence.bench.messages=}) written by matrix-js-sdk on the real
 * Synapse; then raw {@code /messages} paging of the whole room against extraction into a fresh log plus the
 * packet export of that room, both reading the same history. Run with
 * {@code ./mvnw -pl bot -am test -Dtest=ExportBenchmarkHarness -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@ExtendWith(SynapseExtension.class)
class ExportBenchmarkHarness {
    @TempDir
    Path dir;

    @Test
    void exportAgainstRawPaging(SynapseServer server, JsClients js) throws Exception {
        int n = Integer.getInteger("evidence.bench.messages", 10_000);
        RegisteredUser botUser = server.registerUniqueUser("bot");
        RegisteredUser aliceUser = server.registerUniqueUser("alice");
        JsClient alice = js.encryptedClient(server, aliceUser);
        String roomId = alice.createRoom("bench", List.of(botUser.userId()));
        MatrixClient bot = MatrixClient.create(server.baseUrl());
        bot.login(UserId.of(botUser.userId()), botUser.password(), DeviceId.of("BENCHBOT"), null);
        RoomId room = bot.join(roomId);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            alice.sendText(roomId, "Benchmark message " + i + " about ISO27001-9.4.3");
        }
        System.out.printf("sent %d encrypted messages in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

        double raw = Double.MAX_VALUE;
        double export = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long s = System.nanoTime();
            int events = 0;
            String token = null;
            do {
                MessagesPage page = bot.messages(room, token, Direction.FORWARD, RoomHistoryExtractor.PAGE,
                        RoomHistoryExtractor.federationFilter(bot));
                events += page.chunk().size();
                token = page.chunk().isEmpty() ? null : page.end();
            } while (token != null);
            raw = Math.min(raw, (System.nanoTime() - s) / 1e6);
            assertThat(events).isGreaterThanOrEqualTo(n);

            try (EvidenceFixture fx = new EvidenceFixture(dir.resolve("round" + round))) {
                s = System.nanoTime();
                new RoomHistoryExtractor(bot, fx.ledger, EventDecryptor.none(), Clock.systemUTC())
                        .extract(room, null, null, EvidenceLinks.none(), ExportProgress.none());
                var content = new PacketExporter(fx.ledger, SessionExportSource.none(), Clock.systemUTC())
                        .build(new ExportScope.Room(room.value(), java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60)),
                                false, Map.of(), ExportProgress.none());
                Path packet = dir.resolve("packet" + round);
                new PacketWriter(fx.signer).write(content, packet);
                export = Math.min(export, (System.nanoTime() - s) / 1e6);
                assertThat(content.records().size()).isGreaterThanOrEqualTo(n);
                if (round == 0) {
                    assertThat(new PacketVerifier().verify(packet, null).failure()).isEmpty();
                }
            }
        }
        System.out.printf("Room of %d encrypted messages (best of 3):%n", n);
        System.out.printf("  raw /messages paging (federation format) %8.1f ms%n", raw);
        System.out.printf("  extract + export + write packet          %8.1f ms%n", export);
        System.out.printf("  export / raw throughput ratio: %.2f (target 0.8)%n", raw / export);
    }
}
