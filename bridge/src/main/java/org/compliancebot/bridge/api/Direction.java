package org.compliancebot.bridge.api;

/** The paging direction of {@code /messages}: forwards or backwards in time. */
public enum Direction {
    FORWARD("f"),
    BACKWARD("b");

    private final String param;

    Direction(String param) {
        this.param = param;
    }

    public String param() {
        return param;
    }
}
