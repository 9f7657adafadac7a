package org.compliancebot.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.compliancebot.bot.change.RiskLevel;
import org.compliancebot.bot.oversight.ApprovalPolicy;
import org.compliancebot.bot.roles.Role;
import org.junit.jupiter.api.Test;

class ChangeSettingsTest {
    private static final String BASE = """
            homeserver:
              url: http://127.0.0.1:8008
            bot:
              user_id: "@compliance-bot:example.org"
              device_id: COMPLIANCEBOT
            database:
              url: jdbc:sqlite:data/bot.db
            roles:
              human_overseer: ["@olivia:example.org"]
            """;

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void withoutASectionTheDefaultsApply() {
        BotConfig c = loader.parse(BASE);
        assertThat(ChangeSettings.approvalPolicy(c.change())).isEqualTo(ApprovalPolicy.defaults());
        assertThat(ChangeSettings.timerPolicy(c.change()))
                .isEqualTo(org.compliancebot.bot.change.workflow.TimerPolicy.defaults());
        assertThat(ChangeSettings.roleDirectory(c).holders(Role.HUMAN_OVERSEER)).hasSize(1);
    }

    @Test
    void approversAndTimersCanBeSet() {
        BotConfig c = loader.parse(BASE + """
                change:
                  approvers:
                    low: [human_overseer]
                    high: [human_overseer, security_lead]
                  cross_signing_required: [high]
                  approval_expiry_minutes: 120
                  approval_reminder_minutes: 45
                """);
        ApprovalPolicy p = ChangeSettings.approvalPolicy(c.change());
        assertThat(p.ruleFor(RiskLevel.LOW).automatic()).isFalse();
        assertThat(p.ruleFor(RiskLevel.HIGH).slots()).containsExactly(Role.HUMAN_OVERSEER, Role.SECURITY_LEAD);
        assertThat(p.ruleFor(RiskLevel.CRITICAL).crossSigningRequired()).isFalse();
        assertThat(ChangeSettings.timerPolicy(c.change()).approvalExpiryAfter()).isEqualTo(Duration.ofMinutes(120));
    }

    @Test
    void badKeysAreNamed() {
        assertThatThrownBy(() -> loader.parse(BASE + "change:\n  approvers:\n    severe: [cto]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("change.approvers.severe");
        assertThatThrownBy(() -> loader.parse(BASE + "change:\n  approvers:\n    high: [cto, janitor]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("change.approvers.high[1]");
        assertThatThrownBy(() -> loader.parse(BASE + "change:\n  approvers:\n    medium: [bot]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("change.approvers")
                .hasMessageContaining("cannot be approved automatically");
        assertThatThrownBy(() -> loader.parse(BASE + "change:\n  approval_expiry_minutes: 0\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("change.approval_expiry_minutes");
        assertThatThrownBy(() -> loader.parse(BASE + "change:\n  approval_reminder_minutes: 90\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("before the expiry");
        assertThatThrownBy(() -> loader.parse(BASE + "change:\n  reminder: 5\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("change.reminder");
    }
}
