package dev.matchflow.bench;

import dev.matchflow.pubsub.PubSubBackend;

/**
 * The benchmark's figures for one backend.
 *
 * @param backend the backend measured
 * @param startup how long the backend took to start and answer, in milliseconds
 * @param flatOut publishing as fast as the client allows
 * @param paced publishing at the steady rate asked for
 */
public record BackendResult(PubSubBackend backend, long startup, PhaseResult flatOut, PhaseResult paced) {}
