package org.compliancebot.bot.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code healthcheck}: exits 0 when the bot's health endpoint answers 200; for container healthchecks. */
@Command(name = "healthcheck", mixinStandardHelpOptions = true,
        description = "Check the running bot's /health endpoint (exit 0 when healthy).")
public final class HealthcheckCommand implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080/health", description = "Default: ${DEFAULT-VALUE}.")
    URI url;

    @Override
    public Integer call() {
        try {
            HttpResponse<Void> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? 0 : 1;
        } catch (Exception e) {
            System.err.println("unhealthy: " + e.getMessage());
            return 1;
        }
    }
}
