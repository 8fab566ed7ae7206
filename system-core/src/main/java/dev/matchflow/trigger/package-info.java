/**
 * The local stand-in for Eventarc: {@link dev.matchflow.trigger.PubSubTrigger} delivers the trigger subscription's
 * messages to the cleanup function as CloudEvents over HTTP.
 */
package dev.matchflow.trigger;
