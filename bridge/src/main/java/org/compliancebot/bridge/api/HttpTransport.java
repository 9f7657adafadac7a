package org.compliancebot.bridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to one homeserver, with the retry rules of {@link RetryPolicy}. The access token
 * travels only in the Authorization header and is never logged.
 */
public final class HttpTransport {
    private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** Answers larger than this are refused rather than parsed. */
    static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

    /** Waits between attempts; replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final HttpUrl base;
    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final AtomicReference<String> accessToken = new AtomicReference<>();
    private final Sleeper sleeper;
    private final java.util.concurrent.atomic.AtomicLong rateLimited = new java.util.concurrent.atomic.AtomicLong();

    public HttpTransport(String homeserverUrl, ObjectMapper mapper, Sleeper sleeper) {
        HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(homeserverUrl, "homeserver URL"));
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + homeserverUrl);
        }
        this.base = parsed;
        this.mapper = mapper;
        this.sleeper = sleeper;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(90, TimeUnit.SECONDS)
                .writeTimeout(30, TimeUnit.SECONDS)
                .retryOnConnectionFailure(false)
                .build();
    }

    public HttpTransport(String homeserverUrl, ObjectMapper mapper) {
        this(homeserverUrl, mapper, d -> Thread.sleep(d.toMillis()));
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public String baseUrl() {
        return base.toString();
    }

    /** How many 429 answers this transport has received (each was waited out and retried, within the policy). */
    public long rateLimitedCount() {
        return rateLimited.get();
    }

    public void setAccessToken(String token) {
        accessToken.set(token);
    }

    public boolean hasAccessToken() {
        return accessToken.get() != null;
    }

    /** Percent-encodes one path segment (room ids, event ids and state keys contain reserved characters). */
    public static String seg(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A request in flight that can be cancelled from another thread (used to end a long-poll). */
    public final class Exchange {
        private volatile Call call;
        private volatile boolean cancelled;

        public void cancel() {
            cancelled = true;
            Call c = call;
            if (c != null) {
                c.cancel();
            }
        }

        public boolean isCancelled() {
            return cancelled;
        }
    }

    public Exchange newExchange() {
        return new Exchange();
    }

    public JsonNode get(String path, Map<String, String> query, RetryPolicy policy) {
        return execute("GET", path, query, null, policy, null, null);
    }

    public JsonNode post(String path, Object body, RetryPolicy policy) {
        return execute("POST", path, Map.of(), body, policy, null, null);
    }

    public JsonNode put(String path, Object body, RetryPolicy policy) {
        return execute("PUT", path, Map.of(), body, policy, null, null);
    }

    /**
     * Performs one request with retries. {@code exchange} may be null; {@code readTimeout} overrides the
     * default read timeout (for long-polls). Returns the parsed JSON body (an empty object for an empty body).
     */
    public JsonNode execute(String method, String path, Map<String, String> query, Object body,
                            RetryPolicy policy, Exchange exchange, Duration readTimeout) {
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                return once(method, path, query, body, exchange, readTimeout);
            } catch (MatrixException e) {
                if (exchange != null && exchange.isCancelled()) {
                    throw new CancelledException();
                }
                if (!policy.shouldRetry(attempt, e)) {
                    throw e;
                }
                Duration delay = policy.delayAfter(attempt, e);
                log.debug("{} {} failed ({}); attempt {} of {} in {} ms", method, path, e.getMessage(),
                        attempt + 1, policy.maxAttempts(), delay.toMillis());
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException();
                }
            }
        }
    }

    /** Thrown when a request was cancelled on purpose (shutdown) or its thread interrupted. */
    public static final class CancelledException extends RuntimeException {
        public CancelledException() {
            super("request cancelled");
        }
    }

    private JsonNode once(String method, String path, Map<String, String> query, Object body,
                          Exchange exchange, Duration readTimeout) {
        HttpUrl.Builder url = base.newBuilder().encodedPath(path);
        query.forEach(url::addQueryParameter);
        Request.Builder rb = new Request.Builder().url(url.build());
        String token = accessToken.get();
        if (token != null) {
            rb.header("Authorization", "Bearer " + token);
        }
        RequestBody rbody = null;
        if (body != null) {
            try {
                rbody = RequestBody.create(mapper.writeValueAsBytes(body), JSON);
            } catch (IOException e) {
                throw new IllegalArgumentException("request body cannot be written as JSON", e);
            }
        } else if (!method.equals("GET") && !method.equals("DELETE")) {
            rbody = RequestBody.create(new byte[] {'{', '}'}, JSON);
        }
        rb.method(method, rbody);
        OkHttpClient client = readTimeout == null ? http
                : http.newBuilder().readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS).build();
        Call call = client.newCall(rb.build());
        if (exchange != null) {
            exchange.call = call;
            if (exchange.isCancelled()) {
                call.cancel();
            }
        }
        try (Response response = call.execute()) {
            return read(method, path, response);
        } catch (InterruptedIOException e) {
            if (exchange != null && exchange.isCancelled()) {
                throw new CancelledException();
            }
            throw new MatrixException(method + " " + path + " timed out", e);
        } catch (IOException e) {
            if (exchange != null && exchange.isCancelled()) {
                throw new CancelledException();
            }
            throw new MatrixException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    private JsonNode read(String method, String path, Response response) throws IOException {
        ResponseBody rbody = response.body();
        long length = rbody == null ? 0 : rbody.contentLength();
        if (length > MAX_BODY_BYTES) {
            throw new MatrixException(response.code(), null, "answer too large (" + length + " bytes)", null);
        }
        byte[] bytes = rbody == null ? new byte[0] : readBounded(rbody);
        JsonNode json = null;
        if (bytes.length > 0) {
            try {
                json = mapper.readTree(bytes);
            } catch (IOException e) {
                if (response.isSuccessful()) {
                    throw new MatrixException(response.code(), null, "answer is not JSON", null);
                }
            }
        }
        if (response.isSuccessful()) {
            return json == null ? mapper.createObjectNode() : json;
        }
        String errcode = json != null && json.hasNonNull("errcode") ? json.get("errcode").asText() : null;
        String error = json != null && json.hasNonNull("error") ? json.get("error").asText() : response.message();
        Duration retryAfter = null;
        if (response.code() == 429) {
            rateLimited.incrementAndGet();
            if (json != null && json.has("retry_after_ms")) {
                retryAfter = Duration.ofMillis(json.get("retry_after_ms").asLong());
            } else {
                String header = response.header("Retry-After");
                if (header != null) {
                    try {
                        retryAfter = Duration.ofSeconds(Long.parseLong(header.trim()));
                    } catch (NumberFormatException ignored) {
                        // An HTTP date; the default backoff applies.
                    }
                }
            }
        }
        log.debug("{} {} -> {} {}", method, path, response.code(), errcode);
        throw new MatrixException(response.code(), errcode, error, retryAfter, json);
    }

    private static byte[] readBounded(ResponseBody body) throws IOException {
        okio.BufferedSource source = body.source();
        if (!source.request(MAX_BODY_BYTES + 1)) {
            return source.readByteArray();
        }
        throw new MatrixException(200, null, "answer larger than " + MAX_BODY_BYTES + " bytes", null);
    }

    /** A small helper for building request bodies. */
    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    public void shutdown() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
