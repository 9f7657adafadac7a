package org.compliancebot.bot.change.store;

import org.compliancebot.bridge.store.Database;
import org.compliancebot.bridge.store.Migrations;

/** The change module's tables: migrations {@code db/change/NNN.sql}. */
public final class ChangeSchema {
    private ChangeSchema() {}

    /** Applies pending migrations; safe to call on every start. Returns the version in force. */
    public static int migrate(Database db) {
        return Migrations.migrate(db, "change", ChangeSchema.class.getClassLoader());
    }
}
