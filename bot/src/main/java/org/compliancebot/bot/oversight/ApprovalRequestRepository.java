package org.compliancebot.bot.oversight;

import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bridge.id.EventId;

/** Storage of approval requests. {@link #save} inserts or replaces by ID. */
public interface ApprovalRequestRepository {
    void save(ApprovalRequest request);

    Optional<ApprovalRequest> byId(ApprovalRequestId id);

    /** The request whose message is {@code event}, so that a reply can be matched to it. */
    Optional<ApprovalRequest> byPostedEvent(EventId event);

    /** All requests for a change, oldest first. */
    List<ApprovalRequest> forChangeRequest(CrId crId);

    /** All pending requests, oldest first. */
    List<ApprovalRequest> pending();
}
