package org.compliancebot.bot.change.store;

import java.time.Clock;
import org.compliancebot.bot.change.workflow.ChangeRequestService;
import org.compliancebot.bot.change.workflow.TimerPolicy;
import org.compliancebot.bot.change.workflow.WorkflowEnvironment;
import org.compliancebot.bot.change.workflow.WorkflowPolicy;
import org.compliancebot.bot.oversight.ApprovalPolicy;
import org.compliancebot.bot.roles.RoleDirectory;
import org.compliancebot.bridge.id.UserId;
import org.compliancebot.bridge.store.Database;

/**
 * The change workflow on the relational store: repositories, evidence, identity pins and the
 * notification queue over one {@link Database}. The service it builds is not thread-safe; run every
 * call inside {@link #inTransaction} (the database lock serialises callers, and everything a call does
 * commits or rolls back together).
 */
public final class ChangeStore {
    private final Database db;
    private final JdbcDecisionEvidence evidence;
    private final JdbcNotificationQueue notifications;
    private final JdbcRoomMembership membership;
    private final JdbcIdentityPins pins;
    private final WorkflowEnvironment env;
    private final ChangeRequestService service;

    /** Migrates the schema and builds the workflow. */
    public ChangeStore(Database db, Clock clock, UserId botUser, RoleDirectory roles, ApprovalPolicy approvalPolicy,
            WorkflowPolicy workflowPolicy, TimerPolicy timerPolicy) {
        this.db = db;
        ChangeSchema.migrate(db);
        this.evidence = new JdbcDecisionEvidence(db, clock);
        this.notifications = new JdbcNotificationQueue(db, clock);
        this.membership = new JdbcRoomMembership(db);
        this.pins = new JdbcIdentityPins(db, clock);
        this.env = new WorkflowEnvironment(clock, botUser, roles, approvalPolicy, workflowPolicy, timerPolicy,
                new JdbcChangeRequestRepository(db), new JdbcApprovalRequestRepository(db), new JdbcCapaRepository(db),
                new JdbcChangeLog(db), evidence, pins, notifications);
        this.service = new ChangeRequestService(env);
    }

    public Database database() {
        return db;
    }

    public WorkflowEnvironment environment() {
        return env;
    }

    public ChangeRequestService service() {
        return service;
    }

    public JdbcDecisionEvidence evidence() {
        return evidence;
    }

    public JdbcNotificationQueue notifications() {
        return notifications;
    }

    public JdbcRoomMembership membership() {
        return membership;
    }

    public JdbcIdentityPins identityPins() {
        return pins;
    }

    /** Work on the service done in one transaction (joining the caller's, if any). */
    @FunctionalInterface
    public interface Work<T> {
        T run(ChangeRequestService service);
    }

    /** Runs {@code work} in one database transaction; a refusal or failure leaves no trace. */
    public <T> T inTransaction(Work<T> work) {
        return db.inTransaction(c -> work.run(service));
    }
}
