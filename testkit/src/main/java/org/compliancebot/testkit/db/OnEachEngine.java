package org.compliancebot.testkit.db;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of the class once per {@link TestDatabase.Engine}: SQLite, then a real PostgreSQL. The class
 * takes the engine in a field annotated {@code @Parameter} and opens its store with
 * {@link TestDatabase#fresh(TestDatabase.Engine, java.nio.file.Path)}.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Engine.class)
public @interface OnEachEngine {
}
