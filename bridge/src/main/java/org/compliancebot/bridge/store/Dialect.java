package org.compliancebot.bridge.store;

/** The SQL dialects the store supports. Migrations are shared; a file may have a dialect-specific variant. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String suffix;

    Dialect(String suffix) {
        this.suffix = suffix;
    }

    /** The file-name suffix of dialect-specific migrations, as in {@code 002.postgresql.sql}. */
    public String suffix() {
        return suffix;
    }

    public static Dialect fromJdbcUrl(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new StoreException("unsupported database URL (expected jdbc:sqlite:... or jdbc:postgresql:...): "
                + redactUrl(url));
    }

    /** Strips any user info or password parameter so a URL can be shown in an error. */
    static String redactUrl(String url) {
        return url.replaceAll("//[^/@]*@", "//***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
