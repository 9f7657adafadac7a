package org.compliancebot.demo;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./demo.sh} running as a child process of the test: its merged output (kept in memory and written
 * to a log file as it arrives), every process it started (remembered, so that {@link #close()} and a JVM
 * shutdown hook can kill what is left even after the parent is gone), and the sign-in block it prints.
 */
final class DemoProcess implements AutoCloseable {
    private static final Pattern HOMESERVER = Pattern.compile("^\\s*Homeserver:\\s+(https?://\\S+)\\s*$");
    private static final Pattern USER = Pattern.compile("^\\s*User:\\s+(@[^\\s:]+:\\S+)");
    private static final Pattern PASSWORD = Pattern.compile("^\\s*Password:\\s+(\\S+)\\s*$");
    private static final Pattern ROOM = Pattern.compile("invited to the room .*\\((![^)\\s]+)\\)");
    private static final Pattern BOT = Pattern.compile("The bot runs as (@[^;\\s]+)");

    /** What the demo printed for signing in, and how long after its start the block was complete. */
    record SignIn(String homeserver, String user, String password, String roomId, String botUser, Duration after) {
        int port() {
            return URI.create(homeserver).getPort();
        }

        @Override
        public String toString() {
            return "SignIn[" + homeserver + " " + user + " room " + roomId + " bot " + botUser + " after " + after + "]";
        }
    }

    private record Line(long nanos, String text) {}

    private final Process process;
    private final long startNanos;
    private final Path log;
    private final List<Line> lines = new ArrayList<>();
    private final Set<ProcessHandle> started = ConcurrentHashMap.newKeySet();
    private final Thread reader;
    private final Thread killOnExit;

    private DemoProcess(Process process, long startNanos, Path log) throws IOException {
        this.process = process;
        this.startNanos = startNanos;
        this.log = log;
        BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        this.reader = Thread.ofPlatform().daemon().name("demo-output").start(() -> pump(out));
        this.killOnExit = new Thread(this::killAll, "demo-process-cleanup");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts {@code ./demo.sh} in {@code checkout} with exactly {@code env}, its output going to {@code log}. */
    static DemoProcess start(Path checkout, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("./demo.sh").directory(checkout.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        long startNanos = System.nanoTime();
        return new DemoProcess(builder.start(), startNanos, log);
    }

    private void pump(BufferedWriter out) {
        try (out; BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String text;
            while ((text = in.readLine()) != null) {
                long now = System.nanoTime();
                out.write(text);
                out.newLine();
                out.flush();
                synchronized (this) {
                    lines.add(new Line(now, text));
                    notifyAll();
                }
            }
        } catch (IOException ended) {
            // the process is gone; what was read is kept
        } finally {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /**
     * Waits until the sign-in block is complete, at most {@code budget} after the process started.
     *
     * @throws AssertionError with the output's tail if the demo exits first or the budget runs out
     */
    SignIn awaitSignIn(Duration budget) throws InterruptedException {
        long deadline = startNanos + budget.toNanos();
        while (true) {
            track();
            SignIn signIn = parseSignIn();
            if (signIn != null) {
                if (signIn.after().compareTo(budget) > 0) {
                    throw new AssertionError("./demo.sh printed the sign-in details after " + signIn.after().toSeconds()
                            + " s, over the budget of " + budget.toSeconds() + " s\n" + tail(60));
                }
                return signIn;
            }
            if (!process.isAlive() && !reader.isAlive()) {
                throw new AssertionError("./demo.sh exited with status " + process.exitValue()
                        + " before it printed the sign-in details:\n" + tail(80));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("./demo.sh did not print the sign-in details within " + budget.toSeconds()
                        + " s of its start:\n" + tail(80));
            }
            synchronized (this) {
                wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 250)));
            }
        }
    }

    private synchronized SignIn parseSignIn() {
        String[] found = new String[5];
        Pattern[] patterns = {HOMESERVER, USER, PASSWORD, ROOM, BOT};
        long last = 0;
        for (Line line : lines) {
            for (int i = 0; i < patterns.length; i++) {
                Matcher m = patterns[i].matcher(line.text());
                if (found[i] == null && m.find()) {
                    found[i] = m.group(1);
                    last = Math.max(last, line.nanos());
                }
            }
        }
        for (String part : found) {
            if (part == null) {
                return null;
            }
        }
        return new SignIn(found[0], found[1], found[2], found[3], found[4], Duration.ofNanos(last - startNanos));
    }

    /** Remembers the processes the demo has started so far. */
    void track() {
        process.descendants().forEach(started::add);
    }

    /**
     * Sends SIGTERM to the demo process only (it is the JVM, as {@code demo.sh} execs it) and waits for it.
     *
     * @return its exit status
     * @throws AssertionError if it is still running after {@code grace}
     */
    int terminate(Duration grace) throws InterruptedException {
        track();
        // Process.destroy() would also close our end of the output pipe and lose what the shutdown prints.
        process.toHandle().destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("./demo.sh did not exit within " + grace.toSeconds() + " s of SIGTERM:\n" + tail(60));
        }
        reader.join(5000);
        return process.exitValue();
    }

    /** The processes the demo started that are still alive after waiting up to {@code wait} for them to end. */
    List<ProcessHandle> survivors(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<ProcessHandle> alive = started.stream().filter(ProcessHandle::isAlive).toList();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            alive = started.stream().filter(ProcessHandle::isAlive).toList();
        }
        return alive;
    }

    /** Everything printed so far. */
    synchronized String output() {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l.text()).append('\n'));
        return text.toString();
    }

    /** The last {@code n} lines printed, and where to find all of them. */
    synchronized String tail(int n) {
        StringBuilder text = new StringBuilder("(all of the output: " + log + ")\n");
        lines.subList(Math.max(0, lines.size() - n), lines.size()).forEach(l -> text.append(l.text()).append('\n'));
        return text.toString();
    }

    /** Kills the demo and everything it started that is still alive: SIGTERM first, then SIGKILL. */
    @Override
    public void close() throws InterruptedException {
        killAll();
        reader.join(5000);
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; it does the same
        }
    }

    private void killAll() {
        if (process.isAlive()) {
            track();
            process.toHandle().destroy();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (process.isAlive()) {
            track();
        }
        process.destroyForcibly();
        for (ProcessHandle p : started) {
            p.destroyForcibly();
        }
        for (ProcessHandle p : started) {
            p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> p).join();
        }
    }
}
