package org.compliancebot.bot.app.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.compliancebot.bot.change.ChangeDescription;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeType;
import org.compliancebot.bot.change.CrKind;
import org.compliancebot.bot.change.matrix.NotificationDispatcher;
import org.compliancebot.bot.change.workflow.ApprovalStart;
import org.compliancebot.bot.change.workflow.AssessmentInput;
import org.compliancebot.bot.change.workflow.NewChange;
import org.compliancebot.bot.http.service.ApiException;
import org.compliancebot.bot.http.service.ApprovalApi;
import org.compliancebot.bot.oversight.ApprovalRequest;
import org.compliancebot.bot.oversight.ApprovalRequestId;
import org.compliancebot.bot.oversight.ApprovalStatus;
import org.compliancebot.bridge.id.EventId;
import org.compliancebot.bridge.outbox.Outbox;
import org.compliancebot.bridge.id.UserId;

/**
 * Approval requests for the REST API and MCP. Decisions are taken by overseers replying in the oversight
 * room, never here.
 *
 * <p>{@link #request} serves MCP {@code matrix.post_oversight_alert} with {@code requires_approval}: a
 * pipeline step that needs human approval becomes a change request of the token's user (summary
 * {@code Pipeline <id>: <step>}, the metadata as its details), submitted and assessed with the risk the
 * caller states in {@code metadata.impact} and {@code metadata.risk} / {@code metadata.risks} (as in
 * {@link ChangeBodies}), so the approval authority follows from the risk matrix exactly as for a change
 * requested in chat. The user must hold a role that may assess. All of it is one transaction.
 */
final class ApprovalApiAdapter implements ApprovalApi {
    static final Duration POST_WAIT = Duration.ofSeconds(15);

    private final ChangeWork work;
    private final ApprovalRecords records;
    private final ApiIdentities identities;
    private final Outbox outbox;
    private final ObjectMapper mapper;

    /** @param outbox where the posted request's event id is looked up; null to answer without it */
    ApprovalApiAdapter(ChangeWork work, ApprovalRecords records, ApiIdentities identities, Outbox outbox, ObjectMapper mapper) {
        this.work = work;
        this.records = records;
        this.identities = identities;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    @Override
    public JsonNode list(Map<String, String> filter) {
        String status = filter.getOrDefault("status", "pending").strip().toLowerCase(java.util.Locale.ROOT);
        List<ApprovalRequest> chosen;
        if (status.equals("all")) {
            chosen = records.all();
        } else {
            ApprovalStatus s = Bodies.choice("status", status, v -> Arrays.stream(ApprovalStatus.values())
                    .filter(x -> x.key().equals(v)).findFirst(),
                    Arrays.stream(ApprovalStatus.values()).map(ApprovalStatus::key).collect(Collectors.joining(", ")) + ", all");
            chosen = s == ApprovalStatus.PENDING ? work.run(w -> w.environment().approvals().pending())
                    : records.all().stream().filter(r -> r.status() == s).toList();
        }
        String cr = filter.get("cr_id");
        ObjectNode out = mapper.createObjectNode();
        ArrayNode list = out.putArray("approvals");
        chosen.stream().filter(r -> cr == null || r.crId().toString().equalsIgnoreCase(cr.strip()))
                .forEach(r -> list.add(ApprovalJson.of(mapper, r)));
        return out;
    }

    @Override
    public JsonNode get(String id) {
        ApprovalRequestId ref;
        try {
            ref = new ApprovalRequestId(id.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
        return work.run(s -> s.environment().approvals().byId(ref)).map(r -> (JsonNode) ApprovalJson.of(mapper, r))
                .orElseThrow(() -> ApiException.notFound("approval request " + ref));
    }

    @Override
    public JsonNode request(JsonNode request, String actor) {
        UserId user = identities.require(actor, "ask for an approval");
        String pipeline = Bodies.text(request, "pipeline_id");
        String step = Bodies.text(request, "step");
        JsonNode metadata = request.path("metadata").isObject() ? request.get("metadata") : mapper.createObjectNode();
        if (!metadata.has("impact") || !(metadata.has("risk") || metadata.has("risks"))) {
            throw ApiException.invalid("an approval needs the step's risk, so that the approval authority can be decided: "
                    + "give metadata.impact (e.g. \"medium\") and metadata.risk (e.g. \"possible/moderate\") or metadata.risks");
        }
        AssessmentInput assessment = ChangeBodies.assessment(metadata);
        NewChange spec = new NewChange(CrKind.MANUAL, ChangeType.NORMAL, null, new ChangeDescription(
                "Pipeline " + pipeline + ": " + step, metadata.toPrettyString(), List.of(), List.of(),
                new java.util.LinkedHashSet<>(Bodies.strings(metadata, "categories"))));
        ObjectNode out = work.run(s -> {
            ChangeRequest draft = s.create(user, spec);
            ChangeRequest submitted = s.submit(draft.ref(), user);
            s.assess(submitted.id(), assessment, user);
            ObjectNode n = mapper.createObjectNode();
            n.put("pipeline_id", pipeline);
            n.put("step", step);
            n.put("cr_id", submitted.id().toString());
            switch (s.requestApproval(submitted.id(), user)) {
                case ApprovalStart.AutoApproved a -> n.put("outcome", "auto_approved");
                case ApprovalStart.Requested r -> {
                    n.put("outcome", "requested");
                    n.setAll(ApprovalJson.of(mapper, r.request()));
                }
            }
            return n;
        });
        if (out.hasNonNull("approval_request_id") && outbox != null) {
            awaitPosted(new ApprovalRequestId(out.get("approval_request_id").asText()))
                    .ifPresent(ev -> out.put("event_id", ev.value()));
        }
        return out;
    }

    /** The event id of the posted request, once the outbox has sent it (the caller may then watch its thread). */
    private Optional<EventId> awaitPosted(ApprovalRequestId id) {
        long end = System.nanoTime() + POST_WAIT.toNanos();
        while (System.nanoTime() < end) {
            Optional<EventId> ev = outbox.eventIdFor(NotificationDispatcher.requestKey(id));
            if (ev.isPresent()) {
                return ev;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();
    }
}
