package dev.matchflow.pubsub.embedded;

/**
 * Ack ids: {@code <subscription serial>-<lease serial>}, so that an ack finds its lease in O(1) and an ack id sent to
 * the wrong subscription is recognised.
 */
final class AckIds {

    private AckIds() {}

    static String format(long subscriptionSerial, long leaseSerial) {
        return subscriptionSerial + "-" + leaseSerial;
    }

    /** The two serials of an ack id, or {@code null} when the text is not an ack id this server handed out. */
    static long[] parse(String ackId) {
        int dash = ackId.indexOf('-');
        if (dash <= 0 || dash == ackId.length() - 1) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(ackId.substring(0, dash)), Long.parseLong(ackId.substring(dash + 1))};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
