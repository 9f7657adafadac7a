package org.compliancebot.bot.change;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.compliancebot.bridge.id.UserId;

/**
 * A change request: an immutable snapshot. Changes are made with {@link #with}, which copies; the
 * workflow service is the only code that should do so, since it also writes the change log.
 *
 * <p>{@code id} is null until submission; {@code ref} is stable from creation. Fields that are
 * filled later in the lifecycle (assessment, plans, approval, deployment time, outcome) are null
 * until then; the {@code Optional} accessors make that explicit.
 */
public record ChangeRequest(
        DraftId ref,
        CrId id,
        CrKind kind,
        ChangeType type,
        ChangeClass changeClass,
        UserId requester,
        Instant createdAt,
        ChangeDescription description,
        ImpactAssessment impact,
        RiskAssessment risks,
        RegressionAnalysis regression,
        RollbackPlan rollbackPlan,
        Schedule schedule,
        Map<Gate, GateEvidence> gates,
        CrState state,
        Instant stateSince,
        ClosedOutcome outcome,
        ApprovalRecord approval,
        Instant deployedAt,
        EmergencyInfo emergency,
        UserId assessedBy,
        Set<CrTimer> firedTimers) {

    public ChangeRequest {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(changeClass, "change class");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(createdAt, "created at");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stateSince, "state since");
        EnumMap<Gate, GateEvidence> g = new EnumMap<>(Gate.class);
        g.putAll(gates);
        gates = Collections.unmodifiableMap(g);
        EnumSet<CrTimer> t = EnumSet.noneOf(CrTimer.class);
        t.addAll(firedTimers);
        firedTimers = Collections.unmodifiableSet(t);
    }

    /** A new draft. */
    public static ChangeRequest draft(DraftId ref, CrKind kind, ChangeType type, ChangeClass changeClass,
            UserId requester, ChangeDescription description, Instant now) {
        return new ChangeRequest(ref, null, kind, type, changeClass, requester, now, description, null, null,
                null, null, null, Map.of(), CrState.DRAFT, now, null, null, null, null, null, Set.of());
    }

    /** The register ID if submitted, else the draft reference: what people should call it. */
    public String displayId() {
        return id != null ? id.toString() : ref.toString();
    }

    public Optional<CrId> crId() {
        return Optional.ofNullable(id);
    }

    /** The overall risk level, once assessed. */
    public Optional<RiskLevel> riskLevel() {
        return Optional.ofNullable(risks).map(RiskAssessment::overall);
    }

    /** Gates without evidence, in gate order. */
    public List<Gate> unsatisfiedGates() {
        return java.util.Arrays.stream(Gate.values()).filter(g -> !gates.containsKey(g)).toList();
    }

    /** When the observation window ends, if deployed. */
    public Optional<Instant> observationEndsAt() {
        return Optional.ofNullable(deployedAt).map(d -> d.plus(changeClass.observationWindow()));
    }

    public boolean isEmergency() {
        return emergency != null;
    }

    /** A copy with the changes {@code edit} makes to a builder pre-filled from this request. */
    public ChangeRequest with(Consumer<Builder> edit) {
        Builder b = new Builder(this);
        edit.accept(b);
        return b.build();
    }

    @Override
    public String toString() {
        return "ChangeRequest[" + displayId() + ", " + state + ", " + description.summary() + "]";
    }

    /** Mutable copy used by {@link #with}; fields mirror the record components. */
    public static final class Builder {
        public DraftId ref;
        public CrId id;
        public CrKind kind;
        public ChangeType type;
        public ChangeClass changeClass;
        public UserId requester;
        public Instant createdAt;
        public ChangeDescription description;
        public ImpactAssessment impact;
        public RiskAssessment risks;
        public RegressionAnalysis regression;
        public RollbackPlan rollbackPlan;
        public Schedule schedule;
        public Map<Gate, GateEvidence> gates;
        public CrState state;
        public Instant stateSince;
        public ClosedOutcome outcome;
        public ApprovalRecord approval;
        public Instant deployedAt;
        public EmergencyInfo emergency;
        public UserId assessedBy;
        public Set<CrTimer> firedTimers;

        private Builder(ChangeRequest c) {
            ref = c.ref;
            id = c.id;
            kind = c.kind;
            type = c.type;
            changeClass = c.changeClass;
            requester = c.requester;
            createdAt = c.createdAt;
            description = c.description;
            impact = c.impact;
            risks = c.risks;
            regression = c.regression;
            rollbackPlan = c.rollbackPlan;
            schedule = c.schedule;
            gates = new EnumMap<>(Gate.class);
            gates.putAll(c.gates);
            state = c.state;
            stateSince = c.stateSince;
            outcome = c.outcome;
            approval = c.approval;
            deployedAt = c.deployedAt;
            emergency = c.emergency;
            assessedBy = c.assessedBy;
            firedTimers = EnumSet.noneOf(CrTimer.class);
            firedTimers.addAll(c.firedTimers);
        }

        private ChangeRequest build() {
            return new ChangeRequest(ref, id, kind, type, changeClass, requester, createdAt, description, impact,
                    risks, regression, rollbackPlan, schedule, gates, state, stateSince, outcome, approval,
                    deployedAt, emergency, assessedBy, firedTimers);
        }
    }
}
