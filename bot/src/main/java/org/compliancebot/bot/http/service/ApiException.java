package org.compliancebot.bot.http.service;

/**
 * A request the service refuses, with the HTTP status and a short machine-readable error code. The
 * message is shown to the caller, so it must name the problem and hold no secrets.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String error;

    public ApiException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }

    public static ApiException invalid(String message) {
        return new ApiException(422, "invalid_request", message);
    }

    public static ApiException unavailable(String what) {
        return new ApiException(503, "unavailable", what + " not configured");
    }
}
