package org.compliancebot.bot.incident;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Incident figures for the metrics endpoint.
 *
 * @param openBySeverity        open (not yet closed) incidents per severity
 * @param averageFirstResponse  mean time to the first human message over incidents that had one
 * @param withinTarget          incidents whose first response came within the target
 * @param late                  incidents whose first response came after the target
 * @param waitingPastTarget     incidents still without a response, open longer than the target
 */
public record MetricsSummary(int open, int resolved, int closed, Map<Severity, Integer> openBySeverity,
                             Duration averageFirstResponse, int withinTarget, int late, int waitingPastTarget) {
    public MetricsSummary {
        openBySeverity = Map.copyOf(openBySeverity);
    }

    public Optional<Duration> averageFirstResponseTime() {
        return Optional.ofNullable(averageFirstResponse);
    }
}
