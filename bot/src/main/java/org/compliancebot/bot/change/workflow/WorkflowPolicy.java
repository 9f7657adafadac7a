package org.compliancebot.bot.change.workflow;

import static org.compliancebot.bot.change.CrState.*;
import static org.compliancebot.bot.roles.Role.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.compliancebot.bot.change.CrState;
import org.compliancebot.bot.roles.Role;

/**
 * Who may do what in the change workflow, as data. Approval decisions are not here (see
 * {@code ApprovalPolicy}); this covers submitting, assessing, gates, manual advances, emergencies
 * and identity re-pins.
 *
 * <p>Defaults:
 * <ul>
 *   <li>submit, request approval, satisfy gates: the requester, or a security lead, compliance
 *       manager, CTO or the highest authority;
 *   <li>assess: a security lead, compliance manager, CTO or the highest authority (the requester only
 *       if they hold one of these roles);
 *   <li>advance to scheduled, testing, testing_failed, revise, deploy_failed or closed: the requester,
 *       a security lead, CTO or the highest authority;
 *   <li>advance to deployed or verified: a security lead, CTO or the highest authority;
 *   <li>advance to rollback: a security lead or the highest authority;
 *   <li>declare an emergency: the highest authority only;
 *   <li>re-pin an approver's identity, close a CAPA: a security lead or the highest authority.
 * </ul>
 *
 * @param advanceRoles for each state that can be reached with {@code advance}, the roles allowed to
 *     move a request there; states absent from the map cannot be reached by {@code advance}
 * @param requesterMayAdvanceTo states the requester may also move their own request to
 */
public record WorkflowPolicy(
        Set<Role> submitters,
        Set<Role> assessors,
        Set<Role> gateKeepers,
        Map<CrState, Set<Role>> advanceRoles,
        Set<CrState> requesterMayAdvanceTo,
        Set<Role> emergencyDeclarers,
        Set<Role> admins) {

    public WorkflowPolicy {
        submitters = Set.copyOf(submitters);
        assessors = Set.copyOf(assessors);
        gateKeepers = Set.copyOf(gateKeepers);
        advanceRoles = Map.copyOf(advanceRoles);
        requesterMayAdvanceTo = Set.copyOf(requesterMayAdvanceTo);
        emergencyDeclarers = Set.copyOf(emergencyDeclarers);
        admins = Set.copyOf(admins);
        for (CrState s : advanceRoles.keySet()) {
            if (!MANUAL_TARGETS.contains(s)) {
                throw new IllegalArgumentException("state " + s.key() + " is reached by its own operation, not by advance");
            }
        }
        if (emergencyDeclarers.isEmpty()) {
            throw new IllegalArgumentException("at least one role must be able to declare an emergency");
        }
    }

    /** States that {@code advance} can move a request to; the others have their own operations. */
    public static final Set<CrState> MANUAL_TARGETS = EnumSet.of(
            SCHEDULED, TESTING, TESTING_FAILED, REVISE, DEPLOYED, DEPLOY_FAILED, ROLLBACK, VERIFIED, CLOSED);

    public static WorkflowPolicy defaults() {
        Set<Role> leads = EnumSet.of(SECURITY_LEAD, CTO, HIGHEST_AUTHORITY);
        Map<CrState, Set<Role>> advance = new EnumMap<>(CrState.class);
        for (CrState s : EnumSet.of(SCHEDULED, TESTING, TESTING_FAILED, REVISE, DEPLOY_FAILED, CLOSED, DEPLOYED, VERIFIED)) {
            advance.put(s, leads);
        }
        advance.put(ROLLBACK, EnumSet.of(SECURITY_LEAD, HIGHEST_AUTHORITY));
        return new WorkflowPolicy(
                EnumSet.of(SECURITY_LEAD, COMPLIANCE_MANAGER, CTO, HIGHEST_AUTHORITY),
                EnumSet.of(SECURITY_LEAD, COMPLIANCE_MANAGER, CTO, HIGHEST_AUTHORITY),
                EnumSet.of(SECURITY_LEAD, COMPLIANCE_MANAGER, CTO, HIGHEST_AUTHORITY),
                advance,
                EnumSet.of(SCHEDULED, TESTING, TESTING_FAILED, REVISE, DEPLOY_FAILED, CLOSED),
                EnumSet.of(HIGHEST_AUTHORITY),
                EnumSet.of(SECURITY_LEAD, HIGHEST_AUTHORITY));
    }
}
