package dev.matchflow.stack;

/** How one hop of the flow ended. */
public enum FlowOutcome {
    /** The hop did what it was asked. */
    OK,
    /** The hop failed in a way that will be retried (a nack, an expired lease, a queued event). */
    RETRIED,
    /** The message can never succeed and was acknowledged with a reason. */
    REJECTED,
    /** The message used up its delivery attempts and went to the dead-letter topic. */
    DEAD_LETTERED,
    /** The hop failed and nothing will retry it. */
    FAILED
}
