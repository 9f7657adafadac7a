package org.compliancebot.bot.oversight;

import java.util.Objects;

/** The ID of an approval request, {@code AR-<cr id>-<n>}: the n-th request for that change. */
public record ApprovalRequestId(String value) {
    public ApprovalRequestId {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith("AR-")) {
            throw new IllegalArgumentException("not an approval request id (expected AR-...): " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
