package org.compliancebot.bot.app.wiring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.store.ChangeStore;
import org.compliancebot.bot.change.workflow.WorkflowEnvironment;
import org.compliancebot.bot.oversight.ApprovalRequest;
import org.compliancebot.bot.oversight.ApprovalStatus;
import org.compliancebot.bot.watchdog.selfcheck.PendingApprovals;

/**
 * Reads the approval requests of the change workflow: the pending ones for the watchdog's self-check
 * and the metrics, all of them for the API, and the mean time from request to approval.
 */
final class ApprovalRecords implements PendingApprovals {
    private final ChangeStore store;

    ApprovalRecords(ChangeStore store) {
        this.store = store;
    }

    @Override
    public List<Pending> pending() {
        return store.inTransaction(s -> s.environment().approvals().pending().stream()
                .map(r -> new Pending(r.id().value(), "Approval of " + r.crId() + " (" + r.riskLevel().key()
                        + " risk, needs " + r.rule().describe() + ")", r.createdAt()))
                .toList());
    }

    int pendingCount() {
        return store.inTransaction(s -> s.environment().approvals().pending().size());
    }

    /** Every approval request, oldest change request first. */
    List<ApprovalRequest> all() {
        return store.inTransaction(s -> {
            WorkflowEnvironment env = s.environment();
            List<ApprovalRequest> out = new ArrayList<>();
            for (ChangeRequest cr : env.changeRequests().all()) {
                if (cr.id() != null) {
                    out.addAll(env.approvals().forChangeRequest(cr.id()));
                }
            }
            return out;
        });
    }

    /** The mean time from request to approval over the approved requests; empty while none was approved. */
    Optional<Duration> averageApprovalTime() {
        List<ApprovalRequest> approved = all().stream()
                .filter(r -> r.status() == ApprovalStatus.APPROVED && r.closedAt() != null).toList();
        if (approved.isEmpty()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        for (ApprovalRequest r : approved) {
            total = total.plus(Duration.between(r.createdAt(), r.closedAt()));
        }
        return Optional.of(total.dividedBy(approved.size()));
    }
}
