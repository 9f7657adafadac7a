package org.compliancebot.bot.change;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The change, oversight and roles packages stay pure: no I/O, transport, threads or system time. Their
 * {@code store} and {@code matrix} sub-packages are the wiring (JDBC, Matrix, scheduler) and are left out,
 * as in the architecture rules.
 */
class DomainBoundaryTest {
    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/change/store/") && !location.contains("/change/matrix/"))
            .importPackages("org.compliancebot.bot.change", "org.compliancebot.bot.oversight", "org.compliancebot.bot.roles");

    @Test
    void noTransportOrStorage() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "okhttp3..",
                "io.vertx..", "java.net.http..", "org.compliancebot.bridge.api..", "org.compliancebot.bridge.sync..",
                "org.compliancebot.bridge.crypto..", "org.compliancebot.bridge.store..")
                .check(DOMAIN);
    }

    @Test
    void noThreadsOrSystemTime() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .check(DOMAIN);
    }

    @Test
    void jacksonOnlyInTheExport() {
        noClasses().that().resideOutsideOfPackage("org.compliancebot.bot.change.export..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..")
                .check(DOMAIN);
    }
}
