package org.compliancebot.testkit.js;

/** matrix-js-sdk's device isolation modes. */
public enum DeviceIsolation {
    /** Share keys with and accept messages from cross-signed devices only ("exclude insecure devices"). */
    ONLY_SIGNED("onlySigned"),
    /** Share keys with every device of the room's members (the legacy behaviour). */
    ALL("all");

    private final String wireName;

    DeviceIsolation(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }
}
