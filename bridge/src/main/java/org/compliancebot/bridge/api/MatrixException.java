package org.compliancebot.bridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * An error answer from the homeserver, or a failure to reach it. {@link #errCode()} is the spec's
 * errcode; {@link #rawErrCode()} keeps the server's own string when it is not a standard one.
 * {@link #httpStatus()} is 0 when no HTTP answer was received.
 */
public class MatrixException extends RuntimeException {
    private final ErrCode errCode;
    private final String rawErrCode;
    private final int httpStatus;
    private final Duration retryAfter;
    private final transient JsonNode body;

    public MatrixException(int httpStatus, String rawErrCode, String message, Duration retryAfter) {
        this(httpStatus, rawErrCode, message, retryAfter, null);
    }

    /** With the server's JSON answer, which user-interactive auth (HTTP 401 with {@code flows}) needs. */
    public MatrixException(int httpStatus, String rawErrCode, String message, Duration retryAfter, JsonNode body) {
        super(describe(httpStatus, rawErrCode, message));
        this.errCode = ErrCode.parse(rawErrCode);
        this.rawErrCode = rawErrCode;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.body = body;
    }

    public MatrixException(String message, Throwable cause) {
        super(message, cause);
        this.errCode = ErrCode.UNRECOGNISED_CODE;
        this.rawErrCode = null;
        this.httpStatus = 0;
        this.retryAfter = null;
        this.body = null;
    }

    /** The server's JSON error answer, if it sent one (for a 401: {@code session}, {@code flows}). */
    public Optional<JsonNode> body() {
        return Optional.ofNullable(body);
    }

    private static String describe(int status, String code, String message) {
        return "HTTP " + status + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message);
    }

    public ErrCode errCode() {
        return errCode;
    }

    public String rawErrCode() {
        return rawErrCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** How long the server asked us to wait, for a 429. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean is(ErrCode code) {
        return errCode == code;
    }

    /** True for failures worth retrying: rate limiting, server errors and network failures. */
    public boolean isTransient() {
        return httpStatus == 0 || httpStatus == 429 || httpStatus >= 500;
    }
}
