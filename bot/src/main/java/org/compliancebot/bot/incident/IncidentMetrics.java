package org.compliancebot.bot.incident;

import java.time.Duration;
import java.util.Optional;

/**
 * The measures kept per incident (seed 004, success metrics): time from opening to the first human
 * message, whose target is under 30 minutes, time to resolve and time to close.
 */
public record IncidentMetrics(IncidentId id, Severity severity, IncidentStatus status, Duration firstResponse,
                              Duration toResolve, Duration toClose, Duration responseTarget) {
    /** Seed 004: incident response time under 30 minutes. */
    public static final Duration DEFAULT_RESPONSE_TARGET = Duration.ofMinutes(30);

    public static IncidentMetrics of(Incident i, Duration target) {
        Duration response = i.response() == null ? null : Duration.between(i.createdAt(), i.response().at());
        Duration resolve = i.resolution() == null ? null : Duration.between(i.createdAt(), i.resolution().at());
        Duration close = i.closure() == null || i.closure().closedAt() == null ? null
                : Duration.between(i.createdAt(), i.closure().closedAt());
        return new IncidentMetrics(i.id(), i.severity(), i.status(), response, resolve, close, target);
    }

    public Optional<Duration> timeToFirstResponse() {
        return Optional.ofNullable(firstResponse);
    }

    public Optional<Duration> timeToResolve() {
        return Optional.ofNullable(toResolve);
    }

    public Optional<Duration> timeToClose() {
        return Optional.ofNullable(toClose);
    }

    /** Empty while nobody has answered yet; then whether the first answer came within the target. */
    public Optional<Boolean> respondedWithinTarget() {
        return timeToFirstResponse().map(d -> d.compareTo(responseTarget) < 0);
    }
}
