/**
 * The User-Match service: users join and leave pools through it, and each leave's {@code pool_member_removed}
 * event goes to a durable outbox that a relay publishes to Pub/Sub.
 */
package dev.matchflow.usermatch;
