package dev.matchflow.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs every {@code @TestTemplate} method of the class as {@link DatabaseTest} runs one: once on H2 and once on
 * MariaDB, each time with a fresh database, which the class's {@code @BeforeEach} methods receive as a {@link
 * TestDatabase} parameter. For test templates inherited from a contract that does not know about databases:
 *
 * <pre>{@code
 * @OnEachDatabase
 * class EmbeddedStackEndToEndTest extends StackEndToEndContract {
 *     private TestDatabase database;
 *
 *     @BeforeEach
 *     void useDatabase(TestDatabase database) { this.database = database; }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(EachDatabase.class)
public @interface OnEachDatabase {}
