package org.compliancebot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.compliancebot.testkit.internal.Http;
import org.compliancebot.testkit.internal.Processes;
import org.compliancebot.testkit.internal.RepoRoot;
import org.compliancebot.testkit.js.CrossSigningStatus;
import org.compliancebot.testkit.js.JsClient;
import org.compliancebot.testkit.js.JsEvent;
import org.compliancebot.testkit.synapse.SynapseInstaller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code ./demo.sh}, run from a clean clone of this repository's HEAD, brings
 * up Synapse and the bot and prints the sign-in details within 5 minutes of its start, not counting
 * downloads; the printed password signs in, the bot answers {@code !ping} in the encrypted room it invited
 * the demo user to, and SIGTERM stops everything it started.
 *
 * <p>Downloads are outside the budget, so the clone reuses what this checkout already downloaded: Maven
 * runs offline ({@code MAVEN_ARGS=-o}) on the local repository the outer build filled, and Synapse comes
 * from this checkout's virtualenv ({@code COMPLIANCEBOT_SYNAPSE_VENV}). Everything else (the build of the
 * clone, Synapse's start, the accounts, the bot's start) counts.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class DemoFromCleanCloneTest {
    private static final Duration BUDGET = Duration.ofMinutes(5);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void demoFromACleanCloneSignsInWithinFiveMinutesAnswersAndStopsCleanly() throws Exception {
        Path venv = SynapseInstaller.ensureInstalled().getParent().getParent();
        Path clone = tmp.resolve("clone");
        gitClone(RepoRoot.find(), clone);

        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("MAVEN_ARGS", "-o");
        env.put(SynapseInstaller.VENV_ENV, venv.toString());
        Path log = tmp.resolve("demo-output.log");
        try (DemoProcess demo = DemoProcess.start(clone, env, log)) {
            DemoProcess.SignIn signIn = demo.awaitSignIn(BUDGET);
            System.out.printf("./demo.sh printed the sign-in details %.1f s after its start (budget %d s)%n",
                    signIn.after().toMillis() / 1000.0, BUDGET.toSeconds());
            assertThat(signIn.homeserver()).startsWith("http://127.0.0.1:");

            String token = signInAsPrinted(signIn);
            pingTheBot(signIn, token);

            int status = demo.terminate(WAIT);
            assertThat(status).as("exit status after SIGTERM: 143 is the JVM's after its shutdown hooks ran\n%s",
                    demo.tail(40)).isEqualTo(143);
            assertThat(demo.output()).contains("Stopped the bot and Synapse.");
            List<ProcessHandle> left = demo.survivors(Duration.ofSeconds(15));
            assertThat(left).as("processes ./demo.sh started that outlived it").isEmpty();
            assertThat(listening(signIn.port())).as("Synapse's port %d after the stop", signIn.port()).isFalse();
        }
    }

    /** Logs in with the printed user and password, as a Matrix client would; returns the access token. */
    private static String signInAsPrinted(DemoProcess.SignIn signIn) {
        Http.Reply login = Http.call("POST", signIn.homeserver() + "/_matrix/client/v3/login", null, Map.of(
                "type", "m.login.password",
                "identifier", Map.of("type", "m.id.user", "user", signIn.user()),
                "password", signIn.password()));
        assertThat(login.status()).as("login with the printed details: %s", login.body()).isEqualTo(200);
        assertThat(login.json().path("user_id").asText()).isEqualTo(signIn.user());
        return login.json().path("access_token").asText();
    }

    /** Joins the printed room as the demo user with an encrypting client, checks the bot is in it, and pings. */
    private static void pingTheBot(DemoProcess.SignIn signIn, String token) {
        String room = signIn.roomId();
        try (JsClient human = JsClient.launch("demo-clone-user")) {
            human.login(signIn.homeserver(), signIn.user(), signIn.password(), null);
            human.initCrypto();
            human.start(false);
            // The bot shares room keys only with cross-signed devices.
            CrossSigningStatus crossSigning = human.bootstrapCrossSigning();
            assertThat(crossSigning.ownDeviceSignedByOwner()).as("cross-signing: %s", crossSigning).isTrue();
            assertThat(human.joinRoom(room)).isEqualTo(room);
            assertThat(human.isRoomEncrypted(room)).isTrue();

            JsonNode joined = Http.call("GET", signIn.homeserver() + "/_matrix/client/v3/rooms/"
                    + URLEncoder.encode(room, StandardCharsets.UTF_8) + "/joined_members", token, null)
                    .expectOk("joined_members of " + room).json().path("joined");
            assertThat(joined.has(signIn.botUser())).as("the bot is joined: %s", joined).isTrue();

            human.sendText(room, "!ping");
            JsEvent pong = human.awaitEvent(e -> JsEvent.message(room, "pong").test(e) && e.isDecrypted(), WAIT);
            assertThat(pong.sender()).isEqualTo(signIn.botUser());
        }
    }

    private static void gitClone(Path repo, Path into) throws IOException {
        Processes.Result clone = Processes.run(List.of("git", "clone", "--quiet", repo.toString(), into.toString()),
                null, Duration.ofMinutes(2));
        assertThat(clone.ok()).as("git clone of %s (the test clones HEAD):%n%s", repo, clone.output()).isTrue();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
