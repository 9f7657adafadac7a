package org.compliancebot.bridge.crypto.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.compliancebot.bridge.crypto.primitives.Ed25519KeyPair;
import org.compliancebot.bridge.crypto.primitives.UnpaddedBase64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The spec appendix's canonical JSON examples and JSON signing test vectors. */
class CanonicalJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{}|{}",
        "{\"one\": 1, \"two\": \"Two\"}|{\"one\":1,\"two\":\"Two\"}",
        "{\"b\": \"2\", \"a\": \"1\"}|{\"a\":\"1\",\"b\":\"2\"}",
        "{\"auth\": {\"success\": true, \"mxid\": \"@john.doe:example.com\", \"profile\": {\"display_name\": \"John Doe\", "
            + "\"three_pids\": [{\"medium\": \"email\", \"address\": \"john.doe@example.org\"}, {\"medium\": \"msisdn\", "
            + "\"address\": \"123456789\"}]}}}|{\"auth\":{\"mxid\":\"@john.doe:example.com\",\"profile\":{\"display_name\":"
            + "\"John Doe\",\"three_pids\":[{\"address\":\"john.doe@example.org\",\"medium\":\"email\"},{\"address\":"
            + "\"123456789\",\"medium\":\"msisdn\"}]},\"success\":true}}",
        "{\"a\": \"日本語\"}|{\"a\":\"日本語\"}",
        "{\"本\": 2, \"日\": 1}|{\"日\":1,\"本\":2}",
        "{\"a\": \"\\u65E5\"}|{\"a\":\"日\"}",
        "{\"a\": null}|{\"a\":null}",
        "{\"a\": -0, \"b\": 1e10}|{\"a\":0,\"b\":10000000000}",
    })
    void spec_examples(String input, String expected) throws Exception {
        assertThat(CanonicalJson.encodeToString(JSON.readTree(input))).isEqualTo(expected);
    }

    @Test
    void escapes_only_what_the_grammar_requires() throws Exception {
        assertThat(CanonicalJson.encodeToString(JSON.readTree("{\"a\":\"q\\\"b\\\\n\\n\\t\\u0001\\u001f/\\u2028\"}")))
                .isEqualTo("{\"a\":\"q\\\"b\\\\n\\n\\t\\u0001\\u001f/\u2028\"}");
    }

    @Test
    void sorts_keys_by_code_point_not_utf16_unit() throws Exception {
        // U+1F600 (a surrogate pair) sorts after U+FF5E by code point, before it by UTF-16 unit.
        assertThat(CanonicalJson.encodeToString(JSON.readTree("{\"\uD83D\uDE00\":1,\"\uFF5E\":2}")))
                .isEqualTo("{\"\uFF5E\":2,\"\uD83D\uDE00\":1}");
    }

    @Test
    void refuses_fractions_and_out_of_range_integers() throws Exception {
        assertThatThrownBy(() -> CanonicalJson.encode(JSON.readTree("{\"a\":1.5}")))
                .isInstanceOf(CanonicalJson.NotCanonicalException.class);
        assertThatThrownBy(() -> CanonicalJson.encode(JSON.readTree("{\"a\":9007199254740992}")))
                .isInstanceOf(CanonicalJson.NotCanonicalException.class);
        assertThat(CanonicalJson.encodeToString(JSON.readTree("[9007199254740991,-9007199254740991]")))
                .isEqualTo("[9007199254740991,-9007199254740991]");
    }

    private static final Ed25519KeyPair SPEC_KEY = Ed25519KeyPair.fromSeed(
            UnpaddedBase64.decode("YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1").orElseThrow());

    @Test
    void signs_the_empty_object_as_the_spec_vector() throws Exception {
        ObjectNode signed = JsonSigning.sign(JSON.createObjectNode(), "domain", "ed25519:1", SPEC_KEY::sign);
        assertThat(JsonSigning.signature(signed, "domain", "ed25519:1")).hasValue(
                "K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ");
        assertThat(JsonSigning.verify(signed, "domain", "ed25519:1", SPEC_KEY.publicKey())).isTrue();
    }

    @Test
    void signs_an_object_with_data_as_the_spec_vector_ignoring_unsigned() throws Exception {
        ObjectNode input = (ObjectNode) JSON.readTree("{\"one\":1,\"two\":\"Two\",\"unsigned\":{\"age_ts\":5}}");
        ObjectNode signed = JsonSigning.sign(input, "domain", "ed25519:1", SPEC_KEY::sign);
        assertThat(JsonSigning.signature(signed, "domain", "ed25519:1")).hasValue(
                "KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw");
        assertThat(signed.path("unsigned").path("age_ts").intValue()).isEqualTo(5);
        assertThat(JsonSigning.verify(signed, "domain", "ed25519:1", SPEC_KEY.publicKey())).isTrue();

        ObjectNode tampered = signed.deepCopy();
        tampered.put("two", "Three");
        assertThat(JsonSigning.verify(tampered, "domain", "ed25519:1", SPEC_KEY.publicKey())).isFalse();
        assertThat(JsonSigning.verify(signed, "other", "ed25519:1", SPEC_KEY.publicKey())).isFalse();
    }
}
