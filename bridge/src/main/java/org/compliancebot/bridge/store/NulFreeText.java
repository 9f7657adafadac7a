package org.compliancebot.bridge.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * PostgreSQL cannot store the NUL character (U+0000) in text, and a message, an alert label or a reason may hold
 * one: a statement binding it fails, and with it the whole transaction (a sync batch, say, again on every retry).
 * A connection wrapped here binds every text parameter with each NUL replaced by U+FFFD, the replacement character,
 * so the text is kept, visibly marked. Binary parameters are untouched, as is JSON, which escapes the character.
 */
public final class NulFreeText {
    /** What stands in for a NUL character in stored text. */
    public static final char REPLACEMENT = '\uFFFD';

    private NulFreeText() {}

    /** {@code s} with each NUL replaced; {@code s} itself when it has none. */
    public static String clean(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace('\0', REPLACEMENT);
    }

    /** A connection whose prepared statements bind text without NUL characters. */
    static Connection wrap(Connection connection) {
        return proxy(Connection.class, connection);
    }

    /** {@code target} as {@code type}, its text parameters cleaned, the prepared statements it makes wrapped too. */
    private static <T> T proxy(Class<T> type, Object target) {
        InvocationHandler handler = (self, method, args) -> {
            if (args != null && args.length >= 2 && args[1] instanceof String s && method.getName().startsWith("set")) {
                args[1] = clean(s);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            Class<?> returns = method.getReturnType();
            if (result != null && type == Connection.class && returns.isInterface() && PreparedStatement.class.isAssignableFrom(returns)) {
                return proxy(returns, result);
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(NulFreeText.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
