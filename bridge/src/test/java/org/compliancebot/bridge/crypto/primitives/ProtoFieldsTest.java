package org.compliancebot.bridge.crypto.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ProtoFieldsTest {

    @Test
    void round_trips_and_skips_unknown_fields() throws Exception {
        byte[] body = new ProtoFields.Writer().integer(1, 300).bytes(9, new byte[] {1, 2}).bytes(2, new byte[] {7}).toBytes(0);
        ProtoFields f = ProtoFields.parse(body, 0, body.length);
        assertThat(f.integer(1)).isEqualTo(300L);
        assertThat(f.bytes(2)).containsExactly(7);
        assertThat(f.bytes(1)).isNull();
    }

    @Test
    void refuses_a_length_whose_varint_is_negative_as_a_long() {
        // Field 4 (bytes) with a 10-byte varint length that has the top bit set: found by the fuzzer.
        byte[] body = HexFormat.of().parseHex("22ffffffffffffffffff01");
        assertThatThrownBy(() -> ProtoFields.parse(body, 0, body.length)).isInstanceOf(ProtoFields.FormatException.class);
    }

    @Test
    void refuses_truncated_varints_and_unknown_wire_types() {
        assertThatThrownBy(() -> ProtoFields.parse(new byte[] {0x08, (byte) 0x80}, 0, 2))
                .isInstanceOf(ProtoFields.FormatException.class);
        assertThatThrownBy(() -> ProtoFields.parse(new byte[] {0x0d, 0, 0, 0, 0}, 0, 5))
                .isInstanceOf(ProtoFields.FormatException.class);
    }
}
