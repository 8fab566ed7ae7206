package dev.matchflow.stack;

/** The parts of the running system, as the console draws them and as flow events name them. */
public enum Component {
    CLIENT,
    USER_MATCH,
    POOLS,
    OUTBOX,
    TOPIC,
    SUBSCRIPTION,
    TRIGGER,
    FUNCTION,
    MATCHES,
    DEAD_LETTER_TOPIC
}
