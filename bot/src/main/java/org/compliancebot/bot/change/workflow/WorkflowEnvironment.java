package org.compliancebot.bot.change.workflow;

import java.time.Clock;
import java.util.Objects;
import org.compliancebot.bot.change.CapaRepository;
import org.compliancebot.bot.change.ChangeLog;
import org.compliancebot.bot.change.ChangeRequestRepository;
import org.compliancebot.bot.change.InMemoryCapaRepository;
import org.compliancebot.bot.change.InMemoryChangeLog;
import org.compliancebot.bot.change.InMemoryChangeRequestRepository;
import org.compliancebot.bot.oversight.ApprovalPolicy;
import org.compliancebot.bot.oversight.ApprovalRequestRepository;
import org.compliancebot.bot.oversight.EvidenceSink;
import org.compliancebot.bot.oversight.IdentityPins;
import org.compliancebot.bot.oversight.InMemoryApprovalRequestRepository;
import org.compliancebot.bot.oversight.InMemoryEvidenceSink;
import org.compliancebot.bot.oversight.InMemoryIdentityPins;
import org.compliancebot.bot.roles.RoleDirectory;
import org.compliancebot.bridge.id.UserId;

/**
 * Everything the change workflow needs from outside: time, identity of the bot, roles, policies,
 * storage, and the sinks it reports to. The wiring builds one; tests build one with in-memory parts.
 *
 * @param botUser the bot's user ID: actor of automatic steps, never an approver
 */
public record WorkflowEnvironment(
        Clock clock,
        UserId botUser,
        RoleDirectory roles,
        ApprovalPolicy approvalPolicy,
        WorkflowPolicy workflowPolicy,
        TimerPolicy timerPolicy,
        ChangeRequestRepository changeRequests,
        ApprovalRequestRepository approvals,
        CapaRepository capas,
        ChangeLog changeLog,
        EvidenceSink evidence,
        IdentityPins identityPins,
        Notifier notifier) {

    public WorkflowEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(botUser, "bot user");
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(approvalPolicy, "approval policy");
        Objects.requireNonNull(workflowPolicy, "workflow policy");
        Objects.requireNonNull(timerPolicy, "timer policy");
        Objects.requireNonNull(changeRequests, "change requests");
        Objects.requireNonNull(approvals, "approvals");
        Objects.requireNonNull(capas, "capas");
        Objects.requireNonNull(changeLog, "change log");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(identityPins, "identity pins");
        Objects.requireNonNull(notifier, "notifier");
    }

    /** An environment with default policies and in-memory storage, for tests and the demo. */
    public static WorkflowEnvironment inMemory(Clock clock, UserId botUser, RoleDirectory roles, Notifier notifier) {
        return new WorkflowEnvironment(clock, botUser, roles, ApprovalPolicy.defaults(), WorkflowPolicy.defaults(),
                TimerPolicy.defaults(), new InMemoryChangeRequestRepository(), new InMemoryApprovalRequestRepository(),
                new InMemoryCapaRepository(), new InMemoryChangeLog(), new InMemoryEvidenceSink(),
                new InMemoryIdentityPins(clock), notifier);
    }
}
