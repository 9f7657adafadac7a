package org.compliancebot.testkit.synapse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.compliancebot.testkit.internal.Http;
import org.compliancebot.testkit.internal.Processes;
import org.compliancebot.testkit.internal.RunDirs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real Synapse homeserver running as a child process on 127.0.0.1, configured from
 * {@code synapse-config/} (see {@link SynapseConfigGenerator}).
 *
 * <p>Each instance has its own run directory {@code <repoRoot>/.testkit/run/<name>-<timestamp>} (config,
 * SQLite database, secrets, {@code synapse.log}) and its own free port. {@link #stop()} and a later
 * {@link #start()} keep the port and the data, so tests can take the server away and bring it back.
 * A JVM shutdown hook stops every instance still running. Does not depend on JUnit.
 */
public final class SynapseServer implements AutoCloseable {

    private static final Set<SynapseServer> RUNNING = ConcurrentHashMap.newKeySet();
    private static final AtomicLong UNIQUE = new AtomicLong();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private static final int PORT_ATTEMPTS = 3;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(SynapseServer::stop),
                "synapse-shutdown"));
    }

    private final SynapseOptions options;
    private final SynapseConfigGenerator generator;
    private final Path runDir;
    private final Path configFile;
    private final Path logFile;
    private final Path python;
    private int port;
    private boolean everStarted;
    private Process process;
    private volatile RegisteredUser adminUser;

    private SynapseServer(SynapseOptions options) {
        this.options = options;
        this.generator = SynapseConfigGenerator.fromRepository();
        this.python = SynapseInstaller.ensureInstalled();
        this.runDir = RunDirs.root()
                .resolve(options.name() + "-" + LocalDateTime.now().format(RUN_STAMP) + "-" + ProcessHandle.current().pid());
        this.configFile = runDir.resolve("homeserver.yaml");
        this.logFile = runDir.resolve("synapse.log");
        this.port = freePort();
        prepare();
    }

    /**
     * Prepares a homeserver (installs Synapse if needed, writes its config and keys) without starting it.
     *
     * @throws IllegalStateException if Synapse cannot be installed or the keys cannot be generated
     */
    public static SynapseServer create(SynapseOptions options) {
        return new SynapseServer(options);
    }

    /**
     * Creates and starts a homeserver of its own, separate from the shared test instance.
     *
     * @throws IllegalStateException with the tail of Synapse's log if it does not become healthy in time
     */
    public static SynapseServer startDedicated(SynapseOptions options) {
        SynapseServer server = create(options);
        server.start();
        return server;
    }

    private void prepare() {
        try {
            Files.createDirectories(runDir.resolve("media_store"));
            Path secrets = runDir.resolve("secrets");
            Files.createDirectories(secrets);
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
            writeSecret(secrets.resolve("macaroon_secret_key"));
            writeSecret(secrets.resolve("form_secret"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + runDir, e);
        }
        writeConfig();
        Processes.Result keys;
        try {
            keys = Processes.run(List.of(python.toString(), "-m", "synapse.app.homeserver", "-c",
                    configFile.toString(), "--generate-keys"), runDir, Duration.ofMinutes(2));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run Synapse's key generation: " + e.getMessage(), e);
        }
        if (!keys.ok()) {
            throw new IllegalStateException("Synapse --generate-keys failed (exit " + keys.exitCode() + "):\n"
                    + Processes.tail(keys.output(), 80));
        }
    }

    private void writeConfig() {
        ObjectNode config = generator.generate(
                new SynapseConfigGenerator.RunValues(runDir, port, options.serverName()), options.rateLimits());
        SynapseConfigGenerator.write(config, configFile);
    }

    private static void writeSecret(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            Files.writeString(file, HexFormat.of().formatHex(bytes) + "\n", StandardCharsets.UTF_8);
        }
    }

    /**
     * Starts the process (on the same port and data as before, if it ran already) and waits until
     * {@code GET /health} answers {@code OK}. Does nothing if it is running.
     *
     * @throws IllegalStateException with the last 80 lines of Synapse's log if it exits or times out
     */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                launchAndAwaitHealth();
                everStarted = true;
                return;
            } catch (IllegalStateException e) {
                boolean portTaken = logTail(80).contains("Address already in use");
                if (everStarted || !portTaken || attempt >= PORT_ATTEMPTS) {
                    throw e;
                }
                // another process took the port between probing and binding: try a fresh one
                port = freePort();
                writeConfig();
            }
        }
    }

    private void launchAndAwaitHealth() {
        try {
            Files.writeString(logFile, "---- starting Synapse on 127.0.0.1:" + port + " at " + LocalDateTime.now()
                    + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(python.toString(), "-m", "synapse.app.homeserver", "-c",
                    configFile.toString(), "--no-secrets-in-config")
                    .directory(runDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start Synapse: " + e.getMessage(), e);
        }
        RUNNING.add(this);
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                RUNNING.remove(this);
                throw new IllegalStateException("Synapse exited with code " + process.exitValue()
                        + " while starting (run dir " + runDir + "). Last lines of its log:\n" + logTail(80));
            }
            if (healthy() && process.isAlive()) {
                return;
            }
            sleep(200);
        }
        stop();
        throw new IllegalStateException("Synapse did not answer /health within " + options.startTimeout().toSeconds()
                + " s (run dir " + runDir + "). Last lines of its log:\n" + logTail(80));
    }

    private boolean healthy() {
        try {
            Http.Reply reply = Http.get(baseUrl() + "/health");
            return reply.status() == 200 && reply.body().strip().equals("OK");
        } catch (UncheckedIOException notYet) {
            return false;
        }
    }

    /** Stops the process: SIGTERM, then a kill after 15 s. Data and port are kept for {@link #start()}. */
    public synchronized void stop() {
        Processes.stop(process, Duration.ofSeconds(15));
        RUNNING.remove(this);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Whether the process is alive (it may still be starting). */
    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The client API base URL, {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The server name, the domain part of user IDs on this server. */
    public String serverName() {
        return options.serverName();
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The options this instance was created with. */
    public SynapseOptions options() {
        return options;
    }

    /** The run directory (config, database, secrets, log). */
    public Path runDir() {
        return runDir;
    }

    /** The generated homeserver.yaml of this instance. */
    public Path configFile() {
        return configFile;
    }

    /** The configuration Synapse runs with, as written to {@link #configFile()}. */
    public ObjectNode effectiveConfig() {
        return SynapseConfigGenerator.read(configFile);
    }

    /** Synapse's log file (stdout and stderr of every start). */
    public Path logFile() {
        return logFile;
    }

    /** The last {@code lines} lines of Synapse's log. */
    public String logTail(int lines) {
        return Processes.tailOfFile(logFile, lines);
    }

    /** The registration shared secret of this instance (written by {@code --generate-keys}). */
    public String sharedSecret() {
        try {
            return Files.readString(runDir.resolve("secrets").resolve("registration_shared_secret"),
                    StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the registration shared secret", e);
        }
    }

    /** A user ID on this server for a localpart. */
    public String userId(String localpart) {
        return "@" + localpart + ":" + serverName();
    }

    /**
     * Registers an account through the shared-secret admin API and returns it with a fresh session.
     *
     * @throws IllegalStateException if Synapse refuses (for example because the localpart is taken)
     */
    public RegisteredUser registerUser(String localpart, String password, boolean admin) {
        return SharedSecretRegistration.register(baseUrl(), sharedSecret(), localpart, password, admin);
    }

    /** Registers a non-admin account with a unique localpart starting with {@code prefix} and a random password. */
    public RegisteredUser registerUniqueUser(String prefix) {
        return registerUser(uniqueLocalpart(prefix), randomPassword(), false);
    }

    /**
     * A localpart that no earlier call in any JVM on this machine returned: {@code prefix}, a dash, a
     * time-based part and a counter, all in lower case.
     */
    public static String uniqueLocalpart(String prefix) {
        String clean = prefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._=-]", "");
        return clean + "-" + Long.toString(System.currentTimeMillis(), 36) + "-" + UNIQUE.incrementAndGet();
    }

    /** A random password for a test account. */
    public static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Logs in with a password ({@code POST /_matrix/client/v3/login}), creating a new session.
     *
     * @param user     a full user ID or a localpart
     * @param deviceId the device ID to use, or null to let the server choose one
     * @throws IllegalStateException if the login is refused
     */
    public RegisteredUser login(String user, String password, String deviceId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "m.login.password");
        body.put("identifier", Map.of("type", "m.id.user", "user", user));
        body.put("password", password);
        if (deviceId != null) {
            body.put("device_id", deviceId);
        }
        JsonNode json = Http.call("POST", baseUrl() + "/_matrix/client/v3/login", null, body)
                .expectOk("Login of " + user).json();
        return new RegisteredUser(json.path("user_id").asText(), password, json.path("access_token").asText(),
                json.path("device_id").asText());
    }

    /** Admin API calls, made as a server admin account that the kit registers on first use. */
    public SynapseAdmin admin() {
        RegisteredUser admin = adminUser;
        if (admin == null) {
            synchronized (this) {
                if (adminUser == null) {
                    adminUser = registerUser(uniqueLocalpart("testkit-admin"), randomPassword(), true);
                }
                admin = adminUser;
            }
        }
        return new SynapseAdmin(baseUrl(), admin.accessToken());
    }

    /** Admin API calls made with the given admin's access token. */
    public SynapseAdmin admin(RegisteredUser admin) {
        return new SynapseAdmin(baseUrl(), admin.accessToken());
    }

    private static int freePort() {
        return org.compliancebot.testkit.internal.LocalPorts.free();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Synapse", e);
        }
    }

    @Override
    public String toString() {
        return "SynapseServer[" + options.name() + " " + baseUrl() + " serverName=" + serverName() + "]";
    }
}
