package org.compliancebot.bot.app.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeRequestException;
import org.compliancebot.bot.change.CrId;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.change.DraftId;
import org.compliancebot.bot.change.export.ChangeExports;
import org.compliancebot.bot.change.workflow.ApprovalStart;
import org.compliancebot.bot.change.workflow.ChangeRequestService;
import org.compliancebot.bot.change.workflow.CrFilter;
import org.compliancebot.bot.change.workflow.CrStatus;
import org.compliancebot.bot.change.workflow.WorkflowEnvironment;
import org.compliancebot.bot.http.service.ApiException;
import org.compliancebot.bot.http.service.ChangeApi;
import org.compliancebot.bridge.id.UserId;

/**
 * The REST change request routes on the {@link ChangeRequestService}, acting as the user of the
 * caller's token (see {@link ApiIdentities}), so the workflow applies the same role checks as to the
 * same user's {@code !cr} commands. Every call runs in one transaction ({@link ChangeWork}); the
 * notifications it queues (approval requests for the oversight room) are dispatched after the commit.
 * Bodies are described in {@link ChangeBodies}.
 */
final class ChangeApiAdapter implements ChangeApi {
    private final ChangeWork work;
    private final ApiIdentities identities;
    private final ObjectMapper mapper;

    ChangeApiAdapter(ChangeWork work, ApiIdentities identities, ObjectMapper mapper) {
        this.work = work;
        this.identities = identities;
        this.mapper = mapper;
    }

    @Override
    public JsonNode list(Map<String, String> filter) {
        String state = filter.get("state");
        CrFilter f;
        if (state == null || state.isBlank()) {
            f = CrFilter.open();
        } else if ("all".equalsIgnoreCase(state.strip())) {
            f = CrFilter.all();
        } else {
            f = CrFilter.inState(Bodies.choice("state", state, CrState::parse,
                    Arrays.stream(CrState.values()).map(CrState::key).collect(Collectors.joining(", ")) + ", all"));
        }
        if (filter.containsKey("requester")) {
            UserId requester;
            try {
                requester = UserId.of(filter.get("requester"));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("requester must be a Matrix user id");
            }
            f = new CrFilter(f.states(), requester, f.includeClosed());
        }
        CrFilter chosen = f;
        return work.run(s -> {
            ObjectNode out = mapper.createObjectNode();
            ArrayNode list = out.putArray("change_requests");
            s.list(chosen).forEach(cr -> list.add(summary(cr)));
            return out;
        });
    }

    @Override
    public JsonNode status(String id) {
        return work.run(s -> {
            ChangeRequest cr = resolve(s, id);
            CrStatus status = cr.id() != null ? s.status(cr.id()) : s.status(cr.ref());
            ObjectNode out = exports(s).entry(cr);
            out.set("pending_approval", status.pendingApproval().<JsonNode>map(r -> ApprovalJson.of(mapper, r))
                    .orElse(mapper.nullNode()));
            ArrayNode log = out.putArray("change_log");
            status.log().forEach(e -> log.addObject().put("at", e.at().toString()).put("actor", e.actor().value())
                    .put("event", e.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .put("from_state", e.from() == null ? null : e.from().key())
                    .put("to_state", e.to() == null ? null : e.to().key()).put("reason", e.reason()));
            return out;
        });
    }

    @Override
    public JsonNode create(JsonNode request, String actor) {
        UserId user = identities.require(actor, "request a change");
        var spec = ChangeBodies.newChange(request);
        return work.run(s -> exports(s).entry(s.create(user, spec)));
    }

    @Override
    public JsonNode submit(String id, String actor) {
        UserId user = identities.require(actor, "submit a change request");
        return work.run(s -> {
            ChangeRequest cr = resolve(s, id);
            if (cr.state() != CrState.DRAFT) {
                throw new ApiException(409, "conflict", cr.displayId() + " is already submitted (it is " + cr.state().key() + ")");
            }
            return exports(s).entry(s.submit(cr.ref(), user));
        });
    }

    @Override
    public JsonNode assess(String id, JsonNode request, String actor) {
        UserId user = identities.require(actor, "assess a change request");
        var input = ChangeBodies.assessment(request);
        boolean requestApproval = Bodies.flag(request, "request_approval", true);
        return work.run(s -> {
            CrId crId = crId(s, id);
            ChangeRequest assessed = s.assess(crId, input, user);
            ObjectNode approval = mapper.createObjectNode();
            if (requestApproval) {
                switch (s.requestApproval(crId, user)) {
                    case ApprovalStart.AutoApproved a -> approval.put("outcome", "auto_approved");
                    case ApprovalStart.Requested r -> {
                        approval.put("outcome", "requested");
                        approval.set("request", ApprovalJson.of(mapper, r.request()));
                    }
                }
            } else {
                approval.put("outcome", "not_requested");
            }
            ObjectNode out = exports(s).entry(s.resolve(assessed.displayId()));
            out.set("approval", approval);
            return out;
        });
    }

    @Override
    public JsonNode advance(String id, JsonNode request, String actor) {
        UserId user = identities.require(actor, "move a change request along its lifecycle");
        CrState target = Bodies.choice("state", Bodies.text(request, "state"), CrState::parse,
                Arrays.stream(CrState.values()).map(CrState::key).collect(Collectors.joining(", ")));
        String reason = Bodies.optionalText(request, "reason").orElse("");
        return work.run(s -> exports(s).entry(s.advance(crId(s, id), target, user, reason)));
    }

    private ObjectNode summary(ChangeRequest cr) {
        ObjectNode n = mapper.createObjectNode();
        n.put("cr_id", cr.id() == null ? null : cr.id().toString());
        n.put("draft_ref", cr.ref().toString());
        n.put("status", cr.state().key());
        n.put("summary", cr.description().summary());
        n.put("change_type", cr.type().key());
        n.put("change_class", cr.changeClass().key());
        n.put("created_by", cr.requester().value());
        n.put("created_date", cr.createdAt().toString());
        n.put("risk_level", cr.riskLevel().map(r -> r.key()).orElse(null));
        return n;
    }

    private static ChangeExports exports(ChangeRequestService s) {
        WorkflowEnvironment env = s.environment();
        return new ChangeExports(env.changeRequests(), env.capas(), env.changeLog(), env.approvalPolicy(), env.clock());
    }

    private static ChangeRequest resolve(ChangeRequestService s, String reference) {
        if (!CrId.looksLike(reference.strip()) && !DraftId.looksLike(reference.strip())) {
            throw ApiException.invalid("not a change request reference (expected CR-YYYY-NNN, AI-CR-YYYY-NNN or DRAFT-n): "
                    + reference);
        }
        return s.resolve(reference);
    }

    private static CrId crId(ChangeRequestService s, String reference) {
        ChangeRequest cr = resolve(s, reference);
        return cr.crId().orElseThrow(() -> new ApiException(409, "conflict", reference + " is a draft; submit it first"));
    }

    /** Maps the workflow's refusals to HTTP answers: 403 not allowed, 404 unknown, 409 wrong state, 422 invalid. */
    static ApiException refusal(ChangeRequestException e) {
        return switch (e) {
            case ChangeRequestException.NotAuthorised n -> new ApiException(403, "forbidden", e.getMessage());
            case ChangeRequestException.NotFound n -> new ApiException(404, "not_found", e.getMessage());
            case ChangeRequestException.IllegalTransition t -> new ApiException(409, "conflict", e.getMessage());
            case ChangeRequestException.GatesNotSatisfied g -> new ApiException(409, "conflict", e.getMessage());
            case ChangeRequestException.ObservationWindowOpen o -> new ApiException(409, "conflict", e.getMessage());
            case ChangeRequestException.Invalid i -> new ApiException(422, "invalid_request", e.getMessage());
        };
    }
}
