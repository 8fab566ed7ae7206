package dev.matchflow.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once on in-memory H2 (MySQL mode) and once on MariaDB, each time with a fresh empty
 * database handed to the test as a {@link TestDatabase} parameter and dropped after it:
 *
 * <pre>{@code
 * @DatabaseTest
 * void leavingDecrementsTheMemberCount(TestDatabase database) { ... }
 * }</pre>
 *
 * <p>MariaDB is found at {@code MATCHFLOW_TEST_MARIADB_URL} (default {@code
 * jdbc:mariadb://127.0.0.1:3306/test}, where only host, port and parameters are used) as {@code
 * MATCHFLOW_TEST_MARIADB_USER} (default {@code root}) with {@code MATCHFLOW_TEST_MARIADB_PASSWORD} (default
 * none). Where it is unreachable the MariaDB runs are skipped, saying why, unless {@code
 * MATCHFLOW_REQUIRE_MARIADB=true}, which makes them fail instead.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(EachDatabase.class)
public @interface DatabaseTest {}
