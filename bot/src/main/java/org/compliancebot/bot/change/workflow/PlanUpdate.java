package org.compliancebot.bot.change.workflow;

import org.compliancebot.bot.change.RegressionAnalysis;
import org.compliancebot.bot.change.RollbackPlan;
import org.compliancebot.bot.change.Schedule;

/** Plans added or replaced after assessment; a null field leaves the current value. */
public record PlanUpdate(RegressionAnalysis regression, RollbackPlan rollbackPlan, Schedule schedule) {}
