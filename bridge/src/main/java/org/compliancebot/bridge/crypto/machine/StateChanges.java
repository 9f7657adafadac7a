package org.compliancebot.bridge.crypto.machine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state a machine changed since the last {@link OlmMachine#takeChanges()}: for each (kind, key)
 * the new value, or null when the item was deleted. The store writes them in the caller's
 * transaction. Values of secret kinds hold key material; {@link #toString()} shows only counts.
 */
public final class StateChanges {
    /** One item's address. */
    public record Key(StateKind kind, String key) {}

    private final Map<Key, byte[]> items = new LinkedHashMap<>();

    void put(StateKind kind, String key, byte[] value) {
        items.put(new Key(kind, key), value);
    }

    void delete(StateKind kind, String key) {
        items.put(new Key(kind, key), null);
    }

    /** Every changed item; a null value means deleted. */
    public Map<Key, byte[]> items() {
        return Collections.unmodifiableMap(items);
    }

    /** Moves everything recorded so far into a new object and starts empty. */
    StateChanges drain() {
        StateChanges out = new StateChanges();
        out.items.putAll(items);
        items.clear();
        return out;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    @Override
    public String toString() {
        return "StateChanges[" + items.size() + " items]";
    }
}
