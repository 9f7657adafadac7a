package org.compliancebot.bot.evidence.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names are found exactly, wherever the slice lies in its array, and only from the index asked for on. */
class KeyTableTest {
    private static final List<String> NAMES = List.of("a", "content", "event_id", "origin_server_ts", "prev_state_events_long_name",
            "room_id", "sender_trust", "seq");
    private static final KeyTable TABLE = new KeyTable(NAMES);

    @Test
    void findsEachNameAndNothingElse() {
        for (int i = 0; i < NAMES.size(); i++) {
            String name = NAMES.get(i);
            // The name alone (the slice at the end of its array), and inside longer text.
            assertThat(find(name, "", "")).as(name).isEqualTo(i);
            assertThat(find(name, "{\"", "\":1,\"zzzzzzzzzzzzzzzzzz\":2}")).as(name).isEqualTo(i);
            for (String other : List.of(name + "x", name.substring(0, name.length() - 1), name + "\0",
                    name.substring(0, name.length() - 1) + (char) (name.charAt(name.length() - 1) + 1))) {
                assertThat(find(other, "", "")).as("%s", other).isEqualTo(-1);
                assertThat(find(other, "\"", "\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]")).as("%s", other).isEqualTo(-1);
            }
        }
    }

    @Test
    void looksOnlyFromTheIndexGiven() {
        byte[] b = "seq".getBytes(StandardCharsets.US_ASCII);
        assertThat(TABLE.indexOf(b, 0, 3, 7)).isEqualTo(7);
        byte[] c = "\"content\"".getBytes(StandardCharsets.US_ASCII);
        assertThat(TABLE.indexOf(c, 1, 8, 2)).isEqualTo(-1);
        assertThat(TABLE.indexOfString(c, 0, c.length)).isEqualTo(1);
    }

    @Test
    void namesMustAscend() {
        assertThatThrownBy(() -> new KeyTable(List.of("b", "a"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static int find(String name, String before, String after) {
        byte[] b = (before + name + after).getBytes(StandardCharsets.UTF_8);
        int from = before.getBytes(StandardCharsets.UTF_8).length;
        return TABLE.indexOf(b, from, from + name.getBytes(StandardCharsets.UTF_8).length);
    }
}
