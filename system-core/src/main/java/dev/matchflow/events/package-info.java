/**
 * The event contract between User-Match and the cleanup function: {@link dev.matchflow.events.PoolMemberRemoved},
 * its wire form and the validation consumers apply ({@link dev.matchflow.events.EventCodec}).
 */
package dev.matchflow.events;
