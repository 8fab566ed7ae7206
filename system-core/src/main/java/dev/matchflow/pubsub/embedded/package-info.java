/**
 * An in-process stand-in for Google Cloud Pub/Sub: the {@code google.pubsub.v1} Publisher and Subscriber gRPC
 * services and their REST form on one port ({@link dev.matchflow.pubsub.embedded.EmbeddedPubSubServer}), over an
 * in-memory engine ({@link dev.matchflow.pubsub.embedded.Broker}) that the official Java client uses like the real
 * service.
 */
package dev.matchflow.pubsub.embedded;
