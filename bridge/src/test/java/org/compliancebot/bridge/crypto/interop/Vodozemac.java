package org.compliancebot.bridge.crypto.interop;

import de.connect2x.trixnity.vodozemac.megolm.ExportedSessionKey;
import de.connect2x.trixnity.vodozemac.megolm.GroupSession;
import de.connect2x.trixnity.vodozemac.megolm.InboundGroupSession;
import de.connect2x.trixnity.vodozemac.megolm.MegolmMessage;
import de.connect2x.trixnity.vodozemac.megolm.MegolmSessionConfig;
import de.connect2x.trixnity.vodozemac.megolm.SessionKey;
import de.connect2x.trixnity.vodozemac.olm.OlmSessionConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Small Java-friendly wrappers over the Kotlin API of the vodozemac JVM binding. */
final class Vodozemac {
    private Vodozemac() {}

    static MegolmSessionConfig megolmV1() {
        return MegolmSessionConfig.Companion.v1();
    }

    static OlmSessionConfig olmV1() {
        return OlmSessionConfig.Companion.v1();
    }

    static GroupSession newGroupSession() {
        return GroupSession.Companion.invoke(megolmV1());
    }

    static InboundGroupSession inbound(byte[] sessionKey) {
        return InboundGroupSession.Companion.invoke(SessionKey.Companion.invoke(sessionKey), megolmV1());
    }

    static InboundGroupSession importSession(byte[] exported) {
        // "import" is a Java keyword, so the Kotlin companion method is reached reflectively.
        try {
            Method m = InboundGroupSession.Companion.getClass()
                    .getMethod("import", ExportedSessionKey.class, MegolmSessionConfig.class);
            return (InboundGroupSession) m.invoke(InboundGroupSession.Companion,
                    ExportedSessionKey.Companion.invoke(exported), megolmV1());
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("vodozemac binding changed its import method", e);
        }
    }

    static byte[] decrypt(InboundGroupSession session, byte[] message) {
        return session.decrypt(MegolmMessage.Bytes.Companion.invoke(message)).getPlaintext().getValue();
    }

    static int decryptIndex(InboundGroupSession session, byte[] message) {
        return session.decrypt(MegolmMessage.Bytes.Companion.invoke(message)).getMessageIndex();
    }
}
