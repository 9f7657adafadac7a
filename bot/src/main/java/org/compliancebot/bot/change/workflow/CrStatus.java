package org.compliancebot.bot.change.workflow;

import java.util.List;
import java.util.Optional;
import org.compliancebot.bot.change.Capa;
import org.compliancebot.bot.change.ChangeLogEntry;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.oversight.ApprovalRequest;

/** A change request with what surrounds it: its open approval request, its CAPAs and its log. */
public record CrStatus(ChangeRequest cr, Optional<ApprovalRequest> pendingApproval, List<Capa> capas,
        List<ChangeLogEntry> log) {}
