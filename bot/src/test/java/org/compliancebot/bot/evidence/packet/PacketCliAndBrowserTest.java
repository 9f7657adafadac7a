package org.compliancebot.bot.evidence.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.compliancebot.bot.cli.Main;
import org.compliancebot.bot.config.Secrets;
import org.compliancebot.bot.evidence.EventRecords;
import org.compliancebot.bot.evidence.EvidenceLinks;
import org.compliancebot.bot.evidence.PacketFixture;
import org.compliancebot.bot.evidence.SyntheticEvents;
import org.compliancebot.bot.evidence.TreeHeadSigner;
import org.compliancebot.bot.evidence.store.EvidenceLedger;
import org.compliancebot.bot.evidence.store.SigningKeys;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line ({@code verify}, {@code evidence export} in a child JVM with the key from the environment)
 * and acceptance 5: index.html opens in headless Chromium, which renders the transcript.
 */
class PacketCliAndBrowserTest {
    @TempDir
    Path dir;

    private record Run(int code, String out) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return new Run(cl.execute(args), out.toString());
    }

    @Test
    void verifyPrintsPassOrFailWithTheBrokenItemAndExitCode() throws Exception {
        PacketFixture.Built built = PacketFixture.build(dir);
        Run pass = cli("verify", built.dir().toString(), "--expect-key", built.publicKey());
        assertThat(pass.code()).isZero();
        assertThat(pass.out()).contains("PASS").contains("ok   records and inclusion proofs");
        assertThat(cli("verify", built.zip().toString()).out()).contains("PASS");
        Path records = built.dir().resolve(PacketFiles.RECORDS);
        byte[] b = Files.readAllBytes(records);
        b[40] ^= 1;
        Files.write(records, b);
        Run fail = cli("verify", built.dir().toString());
        assertThat(fail.code()).isEqualTo(1);
        assertThat(fail.out()).contains("FAIL records.jsonl line 1");
        assertThat(cli("verify", dir.resolve("nothing-here").toString()).code()).isEqualTo(1);
    }

    @Test
    void exportFromTheCommandLineWithTheKeyFromTheEnvironment() throws Exception {
        String secret = "evidence key for the cli test";
        Path db = dir.resolve("bot.db");
        try (Database d = Database.openSqlite(db)) {
            EvidenceLedger.migrate(d);
            Ed25519KeyPair key = SigningKeys.loadOrCreate(d, SigningKeys.source(new Secrets(Map.of(Secrets.EVIDENCE_KEY, secret))),
                    new SecureRandom(), Clock.systemUTC());
            EvidenceLedger ledger = new EvidenceLedger(d, new TreeHeadSigner(key, "@bot:localhost"), Clock.systemUTC(), null);
            SyntheticEvents room = new SyntheticEvents("!compliance:localhost");
            ledger.append(List.of(EventRecords.fromRawEvent(room.text("@carol:localhost", "Access review done per A.5.18 [commit 1a2b3c4d]"),
                    room.roomId(), SyntheticEvents.VERSION, 1, Optional.empty(), EvidenceLinks.none())));
        }
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                homeserver:
                  url: http://127.0.0.1:9
                bot:
                  user_id: "@bot:localhost"
                  device_id: BOT
                database:
                  url: jdbc:sqlite:%s
                """.formatted(db));
        Path out = dir.resolve("packet");
        Process export = child(Map.of(Secrets.EVIDENCE_KEY, secret), "evidence", "export", "-c", config.toString(),
                "--control", "A.5.18", "-o", out.toString());
        assertThat(export.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("child.log"));
        assertThat(export.exitValue()).as(log).isZero();
        assertThat(log).contains("Wrote 1 records").contains("proving records");
        Process verify = child(Map.of(), "verify", out.resolveSibling("packet.zip").toString());
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("child.log"))).contains("PASS");
        assertThat(verify.exitValue()).isZero();
    }

    private Process child(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        pb.environment().remove(Secrets.EVIDENCE_KEY);
        pb.environment().remove(Secrets.STORE_KEY);
        pb.environment().putAll(env);
        return pb.start();
    }

    @Test
    void indexHtmlShowsTheTranscriptInHeadlessChromium() throws Exception {
        PacketFixture.Built built = PacketFixture.build(dir);
        Path index = built.dir().resolve(PacketFiles.INDEX).toAbsolutePath();
        Path shot = dir.resolve("index.png");
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        List<String> cmd = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--screenshot=" + shot, "--window-size=1280,900", "--dump-dom", index.toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.err").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("chromium.err"))).isZero();
        assertThat(dom).contains("<h2 id=\"transcript\">Transcript</h2>")
                .contains("Database latency alarm, see ISO27001-A.5.24")
                .contains("Rolling back commit 4f2a9c1e7b")
                .contains("redacted later")
                .contains("validated");
        assertThat(shot).exists();
        assertThat(Files.size(shot)).isGreaterThan(5_000);
    }
}
