package org.compliancebot.bridge.e2ee;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Supplier;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MatrixException;
import org.compliancebot.bridge.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads the bot's cross-signing keys once ({@code /keys/device_signing/upload}), answering the
 * server's user-interactive auth with {@code m.login.password}. The device signature follows as an
 * ordinary outgoing request of the machine.
 */
final class CrossSigningBootstrap {
    private static final Logger log = LoggerFactory.getLogger(CrossSigningBootstrap.class);
    private static final String PATH = "/_matrix/client/v3/keys/device_signing/upload";
    private final MatrixClient client;
    private final MachineHolder holder;
    private final Supplier<Optional<String>> password;

    CrossSigningBootstrap(MatrixClient client, MachineHolder holder, Supplier<Optional<String>> password) {
        this.client = client;
        this.holder = holder;
        this.password = password;
    }

    void run() {
        Optional<ObjectNode> body = holder.use(m -> m.crossSigningUpload());
        if (body.isEmpty()) {
            return;
        }
        UserId user = client.session().userId();
        try {
            client.postJson(PATH, body.get());
        } catch (MatrixException e) {
            if (e.httpStatus() != 401) {
                throw e;
            }
            String pw = password.get().orElseThrow(() -> new CryptoStartupException(
                    "uploading the bot's cross-signing keys needs the account password (user-interactive auth), "
                            + "and none is configured"));
            ObjectNode withAuth = body.get().deepCopy();
            ObjectNode auth = withAuth.putObject("auth");
            auth.put("type", "m.login.password");
            auth.putObject("identifier").put("type", "m.id.user").put("user", user.value());
            auth.put("password", pw);
            e.body().map(b -> b.path("session").asText(null)).ifPresent(s -> auth.put("session", s));
            client.postJson(PATH, withAuth);
        }
        holder.use(m -> {
            m.markCrossSigningUploaded();
            return null;
        });
        log.info("Uploaded the cross-signing keys of {}", user);
    }
}
