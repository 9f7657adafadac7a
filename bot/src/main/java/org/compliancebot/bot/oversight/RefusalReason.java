package org.compliancebot.bot.oversight;

/** Why a decision did not count. {@link #code()} is used in evidence records. */
public enum RefusalReason {
    REQUEST_NOT_PENDING("request-not-pending"),
    REQUEST_SUPERSEDED("request-superseded"),
    BOT_CANNOT_APPROVE("bot-cannot-approve"),
    REQUESTER_CANNOT_APPROVE("requester-cannot-approve"),
    NOT_A_ROLE_HOLDER("not-a-role-holder"),
    NOT_JOINED("not-joined"),
    IDENTITY_CHANGED("identity-changed"),
    DEVICE_NOT_CROSS_SIGNED("device-not-cross-signed"),
    ALREADY_DECIDED("already-decided"),
    ROLE_ALREADY_FILLED("role-already-filled");

    private final String code;

    RefusalReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
