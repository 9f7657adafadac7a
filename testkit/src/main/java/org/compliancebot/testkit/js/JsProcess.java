package org.compliancebot.testkit.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.compliancebot.testkit.internal.Http;
import org.compliancebot.testkit.internal.Processes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The JSON-lines channel to one harness process: requests with ids, their responses, and the events the
 * harness sends unasked. Stderr goes to a log file whose tail is put into every failure.
 */
final class JsProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final OutputStream stdin;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsEvent> events = new CopyOnWriteArrayList<>();
    private final Object eventsChanged = new Object();
    private volatile JsClientException exited;

    JsProcess(String name, NodeRuntime runtime, Path logFile) {
        this.name = name;
        this.logFile = logFile;
        try {
            java.nio.file.Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(runtime.nodeBinary().toString(), runtime.harness().toString())
                    .directory(runtime.directory().toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            this.process = builder.start();
        } catch (IOException e) {
            throw new JsClientException("Cannot start the JS client " + name + ": " + e.getMessage(), e);
        }
        this.stdin = process.getOutputStream();
        Thread.ofPlatform().daemon().name("js-client-" + name).start(this::readLoop);
    }

    private void readLoop() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                handle(line);
            }
        } catch (IOException ignored) {
            // the process is gone; pending requests fail below
        }
        JsClientException gone = new JsClientException("JS client " + name + " exited"
                + (process.isAlive() ? "" : " with code " + exitCode()) + ". Last lines of its log " + logFile
                + ":\n" + logTail(60));
        if (exited == null) {
            exited = gone; // close() may have said "closed" already, which is the better reason
        }
        pending.values().forEach(f -> f.completeExceptionally(gone));
        pending.clear();
        synchronized (eventsChanged) {
            eventsChanged.notifyAll();
        }
    }

    private String exitCode() {
        try {
            return String.valueOf(process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : "?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private void handle(String line) {
        JsonNode message;
        try {
            message = Http.JSON.readTree(line);
        } catch (IOException e) {
            return; // not a protocol line; the harness keeps stdout clean, so this is only noise
        }
        if (message.has("event")) {
            if (!"ready".equals(message.get("event").asText())) {
                events.add(JsEvent.of(message));
                synchronized (eventsChanged) {
                    eventsChanged.notifyAll();
                }
            }
            return;
        }
        CompletableFuture<JsonNode> future = pending.remove(message.path("id").asLong(-1));
        if (future == null) {
            return;
        }
        if (message.path("ok").asBoolean(false)) {
            future.complete(message.path("result"));
        } else {
            future.completeExceptionally(new JsClientException(message.path("error").asText("unknown error")));
        }
    }

    JsonNode call(String command, Map<String, ?> args, Duration timeout) {
        if (exited != null) {
            throw failure(command, exited.getMessage(), exited);
        }
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        pending.put(id, future);
        if (exited != null) {
            // the reader finished between the check and the put, so nobody else will complete it
            future.completeExceptionally(exited);
        }
        ObjectNode request = Http.JSON.createObjectNode();
        request.put("id", id).put("cmd", command).set("args", Http.JSON.valueToTree(args));
        try {
            synchronized (stdin) {
                stdin.write((Http.JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            pending.remove(id);
            throw failure(command, "cannot write to the node process (" + e.getMessage() + ")", e);
        } catch (TimeoutException e) {
            pending.remove(id);
            throw failure(command, "no answer within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw failure(command, e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(command, "interrupted", e);
        }
    }

    private JsClientException failure(String command, String why, Throwable cause) {
        return new JsClientException("JS client " + name + ": " + command + " failed: " + why
                + "\nLast lines of " + logFile + ":\n" + logTail(40), cause);
    }

    JsEvent awaitEvent(Predicate<JsEvent> condition, Duration timeout, String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (eventsChanged) {
            while (true) {
                for (JsEvent event : events) {
                    if (condition.test(event)) {
                        return event;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new JsClientException("JS client " + name + " saw no " + description + " within "
                            + timeout.toSeconds() + " s" + (process.isAlive() ? "" : " (the node process exited)")
                            + ". Events it saw: " + summary() + "\nLast lines of " + logFile + ":\n" + logTail(40));
                }
                try {
                    eventsChanged.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JsClientException("Interrupted while waiting for " + description, e);
                }
            }
        }
    }

    private String summary() {
        StringBuilder out = new StringBuilder("[");
        for (JsEvent e : events) {
            out.append("\n  ").append(e.kind()).append(' ').append(e.roomId()).append(' ').append(e.type())
                    .append(" from ").append(e.sender());
            if (e.decryptionError() != null) {
                out.append(" (undecryptable: ").append(e.decryptionError()).append(')');
            }
        }
        return out.append(events.isEmpty() ? "]" : "\n]").toString();
    }

    List<JsEvent> events() {
        return List.copyOf(events);
    }

    Path logFile() {
        return logFile;
    }

    String logTail(int lines) {
        return Processes.tailOfFile(logFile, lines);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                call("shutdown", Map.of(), Duration.ofSeconds(5));
            } catch (JsClientException ignored) {
                // it is killed below anyway
            }
        }
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already closed
        }
        Processes.stop(process, Duration.ofSeconds(3));
        exited = new JsClientException("JS client " + name + " is closed");
    }
}
