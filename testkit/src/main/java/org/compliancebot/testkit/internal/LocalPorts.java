package org.compliancebot.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for servers the tests start on the loopback interface. */
public final class LocalPorts {
    private LocalPorts() {
    }

    /** A port on 127.0.0.1 that was free a moment ago (a server binding it may still lose a race, and should retry). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }
}
