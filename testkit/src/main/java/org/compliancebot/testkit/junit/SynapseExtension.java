package org.compliancebot.testkit.junit;

import org.compliancebot.testkit.js.JsClients;
import org.compliancebot.testkit.synapse.SynapseOptions;
import org.compliancebot.testkit.synapse.SynapseServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a real homeserver and JS clients.
 *
 * <p>Resolves parameters of type
 * <ul>
 *   <li>{@link SynapseServer}: the shared instance (rate limits lifted), started once per test JVM on first
 *       use and stopped when the JVM's tests end. If it cannot start, every test asking for it fails with
 *       the reason and the tail of Synapse's log; none is skipped.</li>
 *   <li>{@link JsClients}: a factory of JS clients, closed after the test (or after the class, when
 *       injected into a {@code @BeforeAll} method or constructor).</li>
 * </ul>
 * Tests must not stop the shared instance; a test that needs to stop Synapse starts its own with
 * {@link SynapseServer#startDedicated(SynapseOptions)}.
 */
public final class SynapseExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SynapseExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SynapseServer.class || type == JsClients.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == SynapseServer.class) {
            return sharedServer(context);
        }
        if (type == JsClients.class) {
            return context.getStore(NAMESPACE).getOrComputeIfAbsent(ClosingJsClients.class,
                    key -> new ClosingJsClients(new JsClients()), ClosingJsClients.class).clients();
        }
        throw new ParameterResolutionException("Unsupported parameter " + parameter.getParameter());
    }

    /** The shared homeserver of this JVM, starting it on first use. */
    public static SynapseServer sharedServer(ExtensionContext context) {
        SharedServer shared = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedServer.class, key -> SharedServer.start(), SharedServer.class);
        return shared.serverOrThrow();
    }

    /** Holds the shared server, or why it could not start (so later tests fail fast with the same reason). */
    private record SharedServer(SynapseServer server, RuntimeException failure)
            implements ExtensionContext.Store.CloseableResource {

        static SharedServer start() {
            try {
                return new SharedServer(SynapseServer.startDedicated(SynapseOptions.shared()), null);
            } catch (RuntimeException e) {
                return new SharedServer(null, e);
            }
        }

        SynapseServer serverOrThrow() {
            if (failure != null) {
                throw new IllegalStateException("The shared Synapse could not start: " + failure.getMessage(), failure);
            }
            return server;
        }

        @Override
        public void close() {
            if (server != null) {
                server.stop();
            }
        }
    }

    private record ClosingJsClients(JsClients clients) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            clients.close();
        }
    }
}
