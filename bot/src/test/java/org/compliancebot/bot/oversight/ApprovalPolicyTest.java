package org.compliancebot.bot.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancebot.bot.change.ChangeDescription;
import org.compliancebot.bot.change.ChangeRequest;
import org.compliancebot.bot.change.ChangeType;
import org.compliancebot.bot.change.CrKind;
import org.compliancebot.bot.change.DraftId;
import org.compliancebot.bot.change.RiskLevel;
import org.compliancebot.bot.roles.Role;
import org.compliancebot.bridge.id.UserId;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {
    private static ChangeRequest cr(ChangeType type, Set<String> categories) {
        return ChangeRequest.draft(new DraftId(1), CrKind.MANUAL, type, type.defaultClass(), UserId.of("@a:example.org"),
                new ChangeDescription("x", "", List.of(), List.of(), categories), Instant.EPOCH);
    }

    @Test
    void defaultAuthorityTable() {
        ApprovalPolicy p = ApprovalPolicy.defaults();
        assertThat(p.ruleFor(RiskLevel.LOW).automatic()).isTrue();
        assertThat(p.ruleFor(RiskLevel.MEDIUM)).isEqualTo(new ApprovalRule(false, List.of(Role.HUMAN_OVERSEER), false));
        assertThat(p.ruleFor(RiskLevel.HIGH)).isEqualTo(new ApprovalRule(false, List.of(Role.HUMAN_OVERSEER, Role.STAKEHOLDER), true));
        assertThat(p.ruleFor(RiskLevel.CRITICAL))
                .isEqualTo(new ApprovalRule(false, List.of(Role.HIGHEST_AUTHORITY, Role.HUMAN_OVERSEER), true));
        assertThat(p.ruleFor(RiskLevel.MEDIUM).describe()).isEqualTo("one overseer");
        assertThat(p.ruleFor(RiskLevel.HIGH).describe()).isEqualTo("2 different people: an overseer and a stakeholder");
        assertThat(p.ruleFor(RiskLevel.CRITICAL).describe())
                .isEqualTo("2 different people: a highest authority and an overseer");
    }

    @Test
    void governanceAndEmergencyChangesAreNeverAutoApproved() {
        ApprovalPolicy p = ApprovalPolicy.defaults();
        assertThat(p.authorityFor(cr(ChangeType.NORMAL, Set.of()), RiskLevel.LOW).rule().automatic()).isTrue();
        ApprovalPolicy.Authority gov = p.authorityFor(cr(ChangeType.STANDARD, Set.of("Governance")), RiskLevel.LOW);
        assertThat(gov.rule()).isEqualTo(p.ruleFor(RiskLevel.MEDIUM));
        assertThat(gov.guardrail()).contains("governance");
        ApprovalPolicy.Authority em = p.authorityFor(cr(ChangeType.EMERGENCY, Set.of()), RiskLevel.LOW);
        assertThat(em.rule().automatic()).isFalse();
        assertThat(em.guardrail()).contains("emergency");
        // Guardrails do not lower a higher rule.
        assertThat(p.authorityFor(cr(ChangeType.NORMAL, Set.of("governance")), RiskLevel.HIGH).rule())
                .isEqualTo(p.ruleFor(RiskLevel.HIGH));
    }

    @Test
    void theBotNeverApprovesMediumOrAbove() {
        for (RiskLevel level : List.of(RiskLevel.MEDIUM, RiskLevel.HIGH, RiskLevel.CRITICAL)) {
            Map<RiskLevel, ApprovalRule> rules = new java.util.EnumMap<>(ApprovalPolicy.defaults().rules());
            rules.put(level, ApprovalRule.automaticByBot());
            assertThatThrownBy(() -> new ApprovalPolicy(rules, Set.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(level.key());
        }
    }

    @Test
    void everyLevelNeedsARule() {
        assertThatThrownBy(() -> new ApprovalPolicy(Map.of(RiskLevel.LOW, ApprovalRule.automaticByBot()), Set.of()))
                .hasMessageContaining("no rule for risk level medium");
    }

    @Test
    void loadsFromYamlConfiguration() throws Exception {
        String yaml = """
                rules:
                  low: { automatic: true, slots: [], crossSigningRequired: false }
                  medium: { automatic: false, slots: [human_overseer], crossSigningRequired: false }
                  high: { automatic: false, slots: [human_overseer, security_lead], crossSigningRequired: true }
                  critical: { automatic: false, slots: [highest_authority, human_overseer, legal_counsel], crossSigningRequired: true }
                noAutoApprovalCategories: [governance, security-policy]
                """;
        ObjectMapper mapper = JsonMapper.builder(new YAMLFactory())
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        ApprovalPolicy p = mapper.readValue(yaml, ApprovalPolicy.class);
        assertThat(p.ruleFor(RiskLevel.HIGH).slots()).containsExactly(Role.HUMAN_OVERSEER, Role.SECURITY_LEAD);
        assertThat(p.ruleFor(RiskLevel.CRITICAL).describe())
                .isEqualTo("3 different people: a highest authority, an overseer and a legal counsel");
        assertThat(p.noAutoApprovalCategories()).containsExactlyInAnyOrder("governance", "security-policy");
    }
}
