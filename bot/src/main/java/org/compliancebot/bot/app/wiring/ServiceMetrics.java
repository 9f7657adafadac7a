package org.compliancebot.bot.app.wiring;

import org.compliancebot.bot.http.MetricSource;
import org.compliancebot.bot.incident.Incident;
import org.compliancebot.bot.incident.IncidentService;
import org.compliancebot.bot.incident.IncidentStatus;
import org.compliancebot.bot.incident.MetricsSummary;
import org.compliancebot.bot.incident.Severity;

/**
 * The metrics of incidents and approvals: active incident rooms, open incidents by severity, the mean
 * time to the first human response in incident rooms, pending approvals and the mean time to approval.
 * A mean is left out until there is something to average (it would otherwise read as zero seconds).
 * Either source may be null when its module does not run; its metrics are then left out.
 */
final class ServiceMetrics implements MetricSource {
    private final IncidentService incidents;
    private final ApprovalRecords approvals;

    ServiceMetrics(IncidentService incidents, ApprovalRecords approvals) {
        this.incidents = incidents;
        this.approvals = approvals;
    }

    @Override
    public void collect(Writer out) {
        if (incidents != null) {
            long rooms = incidents.list(null).stream().filter(ServiceMetrics::isActive).count();
            out.gauge("compliancebot_active_incident_rooms", "Incident rooms of incidents not yet closed", rooms);
            MetricsSummary s = incidents.summary();
            for (Severity level : Severity.values()) {
                out.gauge("compliancebot_incidents_open", "Incidents not yet closed, by severity",
                        s.openBySeverity().getOrDefault(level, 0), "severity", level.name().toLowerCase(java.util.Locale.ROOT));
            }
            s.averageFirstResponseTime().ifPresent(d -> out.gauge("compliancebot_incident_response_seconds_average",
                    "Mean time from opening an incident to the first human message in its room, in seconds",
                    d.toMillis() / 1000.0));
            out.gauge("compliancebot_incidents_waiting_past_response_target",
                    "Open incidents without a human response, older than the response target", s.waitingPastTarget());
        }
        if (approvals != null) {
            out.gauge("compliancebot_approvals_pending", "Approval requests waiting for a human decision", approvals.pendingCount());
            approvals.averageApprovalTime().ifPresent(d -> out.gauge("compliancebot_approval_time_seconds_average",
                    "Mean time from an approval request to its approval, in seconds", d.toMillis() / 1000.0));
        }
    }

    static boolean isActive(Incident i) {
        return i.status() != IncidentStatus.CLOSED && i.roomId().isPresent();
    }
}
