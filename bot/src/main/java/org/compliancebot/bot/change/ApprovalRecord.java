package org.compliancebot.bot.change;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.compliancebot.bridge.id.UserId;

/**
 * Who approved a change request, and when. {@code byBot} marks a low-risk automatic approval, in
 * which case {@code approvers} holds the bot's user ID. {@code approvalRequestId} names the approval
 * request that collected the decisions (empty for automatic approvals).
 */
public record ApprovalRecord(List<UserId> approvers, boolean byBot, Instant at, String approvalRequestId) {
    public ApprovalRecord {
        approvers = List.copyOf(approvers);
        Objects.requireNonNull(at, "at");
        approvalRequestId = approvalRequestId == null ? "" : approvalRequestId;
    }
}
