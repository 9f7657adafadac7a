package org.compliancebot.bot.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.compliancebot.bridge.api.ErrCode;
import org.compliancebot.bridge.api.MatrixClient;
import org.compliancebot.bridge.api.MatrixException;

/**
 * Synapse's shared-secret registration ({@code /_synapse/admin/v1/register}): a nonce, then an
 * HMAC-SHA1 over nonce, user, password and the admin flag, keyed with the server's
 * {@code registration_shared_secret}. The secret and passwords are never logged.
 */
final class SharedSecretRegistration {
    private static final String PATH = "/_synapse/admin/v1/register";

    /** What happened: the account was created now, or it already existed. */
    enum Outcome { CREATED, ALREADY_EXISTS }

    private final MatrixClient client;
    private final String sharedSecret;

    SharedSecretRegistration(MatrixClient client, String sharedSecret) {
        this.client = client;
        this.sharedSecret = sharedSecret;
    }

    Outcome register(String localpart, String password, boolean admin) {
        String nonce = client.getJson(PATH, Map.of()).path("nonce").asText();
        ObjectNode body = client.mapper().createObjectNode();
        body.put("nonce", nonce);
        body.put("username", localpart);
        body.put("password", password);
        body.put("admin", admin);
        body.put("mac", mac(nonce, localpart, password, admin));
        try {
            JsonNode ignored = client.postJson(PATH, body);
            return Outcome.CREATED;
        } catch (MatrixException e) {
            if (e.is(ErrCode.M_USER_IN_USE)) {
                return Outcome.ALREADY_EXISTS;
            }
            if (e.httpStatus() == 403) {
                throw new SetupException("Synapse refused the shared-secret registration of '" + localpart
                        + "': the registration shared secret does not match the homeserver's", e);
            }
            throw e;
        }
    }

    private String mac(String nonce, String user, String password, boolean admin) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            for (String part : new String[] {nonce, user, password}) {
                mac.update(part.getBytes(StandardCharsets.UTF_8));
                mac.update((byte) 0);
            }
            mac.update((admin ? "admin" : "notadmin").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }
}
