package dev.matchflow.containers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the class's tests, {@code @TestTemplate} ones once each, where Docker runs and holds the Matchflow images
 * ({@link ContainerImages#fromEnvironment()}); elsewhere skips them, saying why, unless {@code
 * MATCHFLOW_REQUIRE_CONTAINERS=true}, which makes them fail instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ContainersPresent.class)
@interface OnContainers {}
