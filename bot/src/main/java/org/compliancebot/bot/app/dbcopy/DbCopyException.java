package org.compliancebot.bot.app.dbcopy;

/**
 * Why a copy did not happen or did not complete. {@link #refused()} is true when nothing was written because
 * the databases are not fit for a copy (a non-empty target, a schema of another version); false when the copy
 * itself failed, in which case its transaction was rolled back.
 */
public final class DbCopyException extends RuntimeException {
    private final boolean refused;

    private DbCopyException(String message, boolean refused, Throwable cause) {
        super(message, cause);
        this.refused = refused;
    }

    static DbCopyException refused(String message) {
        return new DbCopyException(message, true, null);
    }

    static DbCopyException failed(String message) {
        return new DbCopyException(message, false, null);
    }

    public boolean refused() {
        return refused;
    }
}
