package org.compliancebot.bridge.event;

/** An event from the server lacks a required field or has one of the wrong type. */
public final class MalformedEventException extends Exception {
    public MalformedEventException(String message) {
        super(message);
    }
}
