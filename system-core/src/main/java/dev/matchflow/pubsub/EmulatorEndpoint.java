package dev.matchflow.pubsub;

/** Checks an emulator address, as {@code PUBSUB_EMULATOR_HOST} gives it: {@code host:port}, no scheme. */
final class EmulatorEndpoint {

    private EmulatorEndpoint() {}

    /**
     * Returns the trimmed endpoint when it reads {@code host:port} with a port from 1 to 65535.
     *
     * @throws IllegalArgumentException saying what is wrong with the value and what is expected
     */
    static String parse(String endpoint) {
        String value = endpoint == null ? "" : endpoint.trim();
        int colon = value.lastIndexOf(':');
        if (value.contains("://") || colon <= 0 || colon == value.length() - 1) {
            throw invalid(value, "it must read host:port, without a scheme, for example 127.0.0.1:8085");
        }
        int port = port(value, value.substring(colon + 1));
        if (port < 1 || port > 65_535) {
            throw invalid(value, "the port must be between 1 and 65535");
        }
        return value;
    }

    private static int port(String value, String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw invalid(value, "the port '" + digits + "' is not a number");
        }
    }

    private static IllegalArgumentException invalid(String value, String reason) {
        return new IllegalArgumentException("Pub/Sub emulator endpoint '" + value + "' is invalid: " + reason + ".");
    }
}
