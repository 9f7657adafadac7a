package org.compliancebot.bridge.crypto.machine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.compliancebot.bridge.id.UserId;

/**
 * A request the machine wants sent. The caller sends {@link #method()} {@link #path()} with
 * {@link #body()} and hands the server's answer to {@link OlmMachine#markRequestAsSent}. Bodies hold
 * public keys and Olm ciphertext only; {@link #toString()} names the request without its body.
 */
public sealed interface OutgoingRequest {
    String CLIENT_V3 = "/_matrix/client/v3";

    /** Unique per request; to-device requests use it as the transaction id. */
    String id();

    String method();

    String path();

    ObjectNode body();

    /** {@code POST /keys/upload}: device keys, one-time keys, fallback key. */
    record KeysUpload(String id, ObjectNode body) implements OutgoingRequest {
        public String method() {
            return "POST";
        }

        public String path() {
            return CLIENT_V3 + "/keys/upload";
        }

        @Override
        public String toString() {
            return "KeysUpload[" + id + "]";
        }
    }

    /** {@code POST /keys/query} for {@code users}. */
    record KeysQuery(String id, List<UserId> users, ObjectNode body) implements OutgoingRequest {
        public String method() {
            return "POST";
        }

        public String path() {
            return CLIENT_V3 + "/keys/query";
        }

        @Override
        public String toString() {
            return "KeysQuery[" + id + ", " + users.size() + " users]";
        }
    }

    /** {@code POST /keys/claim}: one-time keys for devices we have no Olm session with. */
    record KeysClaim(String id, ObjectNode body) implements OutgoingRequest {
        public String method() {
            return "POST";
        }

        public String path() {
            return CLIENT_V3 + "/keys/claim";
        }

        @Override
        public String toString() {
            return "KeysClaim[" + id + "]";
        }
    }

    /** {@code PUT /sendToDevice/{eventType}/{id}}; {@code body} is {@code {"messages": ...}}. */
    record ToDevice(String id, String eventType, ObjectNode body) implements OutgoingRequest {
        public String method() {
            return "PUT";
        }

        public String path() {
            return CLIENT_V3 + "/sendToDevice/" + enc(eventType) + "/" + enc(id);
        }

        @Override
        public String toString() {
            return "ToDevice[" + eventType + ", " + id + "]";
        }
    }

    /** {@code POST /keys/signatures/upload}: our self-signing key's signature on our device. */
    record SignatureUpload(String id, ObjectNode body) implements OutgoingRequest {
        public String method() {
            return "POST";
        }

        public String path() {
            return CLIENT_V3 + "/keys/signatures/upload";
        }

        @Override
        public String toString() {
            return "SignatureUpload[" + id + "]";
        }
    }

    private static String enc(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
