package org.compliancebot.testkit.js;

/** A JS client command failed, timed out, or the node process died. The message carries the node log tail. */
public final class JsClientException extends RuntimeException {

    public JsClientException(String message) {
        super(message);
    }

    public JsClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
