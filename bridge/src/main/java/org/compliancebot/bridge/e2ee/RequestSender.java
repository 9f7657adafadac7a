package org.compliancebot.bridge.e2ee;

import com.fasterxml.jackson.databind.JsonNode;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.crypto.machine.OutgoingRequest;

/** Sends the machine's requests over the client-server API. */
final class RequestSender {
    private final MatrixClient client;

    RequestSender(MatrixClient client) {
        this.client = client;
    }

    JsonNode send(OutgoingRequest r) {
        return switch (r.method()) {
            case "POST" -> client.postJson(r.path(), r.body());
            case "PUT" -> client.putJson(r.path(), r.body());
            default -> throw new IllegalArgumentException("unexpected method " + r.method());
        };
    }
}
