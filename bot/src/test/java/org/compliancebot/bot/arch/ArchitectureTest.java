package org.compliancebot.bot.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The boundaries of the design: bridge knows nothing of the bot, and the domain knows no transport or storage. */
class ArchitectureTest {
    private static final String[] DOMAIN = {
        "org.compliancebot.bot.change..", "org.compliancebot.bot.oversight..", "org.compliancebot.bot.roles..",
        "org.compliancebot.bot.incident.domain..", "org.compliancebot.bot.watchdog.domain..", "org.compliancebot.bot.evidence.domain.."
    };

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.compliancebot");

    @Test
    void bridgeDoesNotDependOnTheBot() {
        noClasses().that().resideInAPackage("org.compliancebot.bridge..")
                .should().dependOnClassesThat().resideInAPackage("org.compliancebot.bot..")
                .check(classes);
    }

    @Test
    void domainDoesNotUseHttpJdbcOrVertx() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "okhttp3..", "io.vertx..",
                        "org.compliancebot.bridge.api..", "org.compliancebot.bridge.sync..", "org.compliancebot.bridge.store..",
                        "org.compliancebot.bridge.outbox..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
