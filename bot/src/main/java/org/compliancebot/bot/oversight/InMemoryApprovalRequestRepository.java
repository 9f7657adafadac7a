package org.compliancebot.bot.oversight;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bridge.id.EventId;

/** An {@link ApprovalRequestRepository} in memory, for tests and the demo. */
public final class InMemoryApprovalRequestRepository implements ApprovalRequestRepository {
    private final Map<ApprovalRequestId, ApprovalRequest> requests = new LinkedHashMap<>();

    @Override
    public synchronized void save(ApprovalRequest request) {
        requests.put(request.id(), request);
    }

    @Override
    public synchronized Optional<ApprovalRequest> byId(ApprovalRequestId id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public synchronized Optional<ApprovalRequest> byPostedEvent(EventId event) {
        return requests.values().stream().filter(r -> event.equals(r.postedEventId())).findFirst();
    }

    @Override
    public synchronized List<ApprovalRequest> forChangeRequest(CrId crId) {
        return requests.values().stream().filter(r -> r.crId().equals(crId)).toList();
    }

    @Override
    public synchronized List<ApprovalRequest> pending() {
        return requests.values().stream().filter(ApprovalRequest::isPending).toList();
    }
}
