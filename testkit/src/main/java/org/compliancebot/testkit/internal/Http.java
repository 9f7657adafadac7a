package org.compliancebot.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** A minimal JSON-over-HTTP client for the test kit's own calls to Synapse. */
public final class Http {

    /** Shared mapper for the kit's JSON. */
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(60))
            .retryOnConnectionFailure(false)
            .build();

    private Http() {
    }

    /** An HTTP response: status code, raw body and the body parsed as JSON (missing if it is not JSON). */
    public record Reply(int status, String body, JsonNode json) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The Matrix {@code errcode}, or null. */
        public String errcode() {
            return json.path("errcode").isTextual() ? json.get("errcode").asText() : null;
        }

        /** Throws an {@link IllegalStateException} naming {@code what} unless the status is 2xx. */
        public Reply expectOk(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + " failed: HTTP " + status + " " + body);
            }
            return this;
        }
    }

    /** Sends a request; {@code body} may be null (no body) and is serialised as JSON otherwise. */
    public static Reply call(String method, String url, String accessToken, Object body) {
        RequestBody requestBody = null;
        if (body != null) {
            try {
                requestBody = RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (!method.equals("GET") && !method.equals("DELETE")) {
            requestBody = RequestBody.create(new byte[0], JSON_TYPE);
        }
        Request.Builder builder = new Request.Builder().url(url).method(method, requestBody);
        if (accessToken != null) {
            builder.header("Authorization", "Bearer " + accessToken);
        }
        try (Response response = CLIENT.newCall(builder.build()).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            JsonNode json;
            try {
                json = text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text);
            } catch (IOException notJson) {
                json = MissingNode.getInstance();
            }
            return new Reply(response.code(), text, json == null ? MissingNode.getInstance() : json);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed: " + e.getMessage(), e);
        }
    }

    /** GET without authentication. */
    public static Reply get(String url) {
        return call("GET", url, null, null);
    }
}
