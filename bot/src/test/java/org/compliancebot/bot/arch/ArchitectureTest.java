package org.compliancebot.bot.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The boundaries of the design: bridge knows nothing of the bot, and the domain knows no transport or storage. */
class ArchitectureTest {
    /**
     * Domain packages. For most features the whole package is domain except its {@code store} and
     * {@code matrix} sub-packages (the wiring); the watchdog keeps its domain in {@code watchdog.domain}.
     */
    private static final String[] FEATURES = {
        "org.compliancebot.bot.change..", "org.compliancebot.bot.oversight..", "org.compliancebot.bot.roles..",
        "org.compliancebot.bot.incident..", "org.compliancebot.bot.watchdog.domain..", "org.compliancebot.bot.evidence.."
    };
    private static final String[] WIRING = {"..store..", "..matrix.."};

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
        noClasses().that().resideInAnyPackage(FEATURES).and().resideOutsideOfPackages(WIRING)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "okhttp3..", "io.vertx..",
                        "org.compliancebot.bridge.api..", "org.compliancebot.bridge.sync..", "org.compliancebot.bridge.store..",
                        "org.compliancebot.bridge.outbox..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
