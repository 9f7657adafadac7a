package org.compliancebot.bot.testing;

import org.compliancebot.bot.roles.Role;
import org.compliancebot.bot.roles.RoleDirectory;
import org.compliancebot.bridge.id.UserId;

/** The cast of the tests, all on example.org. */
public final class People {
    public static final String SERVER = "example.org";
    public static final UserId BOT = UserId.of("@compliance-bot:example.org");
    /** Requests changes; holds no role. */
    public static final UserId ALICE = UserId.of("@alice:example.org");
    public static final UserId OLGA = UserId.of("@olga:example.org");
    public static final UserId OLIVER = UserId.of("@oliver:example.org");
    public static final UserId SAM = UserId.of("@sam:example.org");
    /** Overseer and stakeholder at once. */
    public static final UserId DANA = UserId.of("@dana:example.org");
    public static final UserId HUGO = UserId.of("@hugo:example.org");
    public static final UserId LEE = UserId.of("@lee:example.org");
    public static final UserId CARL = UserId.of("@carl:example.org");
    /** No role at all. */
    public static final UserId MALLORY = UserId.of("@mallory:example.org");

    private People() {}

    public static RoleDirectory directory() {
        return RoleDirectory.forServer(SERVER)
                .grant(Role.HUMAN_OVERSEER, OLGA).grant(Role.HUMAN_OVERSEER, OLIVER)
                .grant(Role.STAKEHOLDER, SAM)
                .grant(Role.HUMAN_OVERSEER, DANA).grant(Role.STAKEHOLDER, DANA)
                .grant(Role.HIGHEST_AUTHORITY, HUGO)
                .grant(Role.SECURITY_LEAD, LEE)
                .grant(Role.COMPLIANCE_MANAGER, CARL)
                .build();
    }
}
