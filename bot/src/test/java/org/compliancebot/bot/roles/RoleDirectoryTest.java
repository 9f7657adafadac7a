package org.compliancebot.bot.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.compliancebot.bridge.id.UserId;
import org.junit.jupiter.api.Test;

class RoleDirectoryTest {
    private static final UserId ALICE = UserId.of("@alice:example.org");
    private static final UserId BOB = UserId.of("@bob:example.org");

    @Test
    void mapsRolesToUsersAndUsersToRoles() {
        RoleDirectory d = RoleDirectory.forServer("example.org")
                .grant(Role.HUMAN_OVERSEER, ALICE)
                .grant(Role.STAKEHOLDER, ALICE)
                .grant(Role.AUDITOR, BOB)
                .build();
        assertThat(d.rolesOf(ALICE)).containsExactlyInAnyOrder(Role.HUMAN_OVERSEER, Role.STAKEHOLDER);
        assertThat(d.rolesOf(BOB)).containsExactly(Role.AUDITOR);
        assertThat(d.rolesOf(UserId.of("@carol:example.org"))).isEmpty();
        assertThat(d.holders(Role.HUMAN_OVERSEER)).containsExactly(ALICE);
        assertThat(d.holders(Role.CTO)).isEmpty();
        assertThat(d.holds(ALICE, Role.STAKEHOLDER)).isTrue();
        assertThat(d.holds(BOB, Role.STAKEHOLDER)).isFalse();
    }

    @Test
    void refusesUsersOfOtherServersWithAClearError() {
        RoleDirectory.Builder b = RoleDirectory.forServer("example.org");
        assertThatThrownBy(() -> b.grant(Role.HUMAN_OVERSEER, UserId.of("@alice:evil.example")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@alice:evil.example")
                .hasMessageContaining("human_overseer")
                .hasMessageContaining("only users of the local server example.org");
        // A server name that merely ends with the local one is another server.
        assertThatThrownBy(() -> b.grant(Role.AUDITOR, UserId.of("@x:notexample.org")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hasAllEightRoles() {
        assertThat(Role.values()).extracting(Role::key).containsExactly("security_lead", "human_overseer",
                "compliance_manager", "cto", "legal_counsel", "stakeholder", "highest_authority", "auditor");
    }

    @Test
    void parsesRoleNamesLeniently() {
        assertThat(Role.parse("human-overseer")).contains(Role.HUMAN_OVERSEER);
        assertThat(Role.parse("Overseer")).contains(Role.HUMAN_OVERSEER);
        assertThat(Role.parse("Highest Authority")).contains(Role.HIGHEST_AUTHORITY);
        assertThat(Role.parse("janitor")).isEmpty();
    }

    @Test
    void directoryIsImmutableAfterBuild() {
        RoleDirectory.Builder b = RoleDirectory.forServer("example.org").grant(Role.CTO, ALICE);
        RoleDirectory d = b.build();
        b.grant(Role.CTO, BOB);
        assertThat(d.holders(Role.CTO)).containsExactly(ALICE);
        assertThatThrownBy(() -> d.holders(Role.CTO).add(BOB)).isInstanceOf(UnsupportedOperationException.class);
    }
}
