package org.compliancebot.testkit.synapse;

import com.fasterxml.jackson.databind.JsonNode;
import org.compliancebot.testkit.internal.Http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registers accounts through Synapse's shared-secret admin API ({@code /_synapse/admin/v1/register}):
 * fetch a nonce, then post the account with an HMAC-SHA1 over
 * {@code nonce NUL username NUL password NUL ("admin"|"notadmin")} keyed with the shared secret.
 */
final class SharedSecretRegistration {

    private SharedSecretRegistration() {
    }

    static RegisteredUser register(String baseUrl, String sharedSecret, String localpart, String password,
                                   boolean admin) {
        String url = baseUrl + "/_synapse/admin/v1/register";
        String nonce = Http.get(url).expectOk("Fetching a registration nonce").json().path("nonce").asText();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nonce", nonce);
        body.put("username", localpart);
        body.put("password", password);
        body.put("admin", admin);
        body.put("mac", mac(sharedSecret, nonce, localpart, password, admin));
        JsonNode json = Http.call("POST", url, null, body).expectOk("Registering " + localpart).json();
        return new RegisteredUser(json.path("user_id").asText(), password, json.path("access_token").asText(),
                json.path("device_id").asText());
    }

    static String mac(String sharedSecret, String nonce, String user, String password, boolean admin) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String message = nonce + "\0" + user + "\0" + password + "\0" + (admin ? "admin" : "notadmin");
            return HexFormat.of().formatHex(hmac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }
}
