/**
 * The match cleanup system in containers through Testcontainers: {@link dev.matchflow.containers.ContainerStack}
 * runs MySQL, Google's Pub/Sub emulator, the three services, the function in the Functions Framework and the trigger
 * each in a container of its own, and {@link dev.matchflow.containers.ContainerEmulatorProvider} gives the stack and
 * the launcher the {@code container} Pub/Sub backend.
 */
package dev.matchflow.containers;
