package dev.matchflow.pubsub;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;

/** The conformance suite against Google's emulator, where a Cloud SDK with the emulator is installed. */
class GoogleEmulatorConformanceTest extends PubSubConformanceTest {

    private GoogleEmulator emulator;

    @Override
    protected String startBackend() {
        GoogleEmulatorLocator.Lookup lookup = GoogleEmulator.find();
        assumeTrue(lookup.isInstalled(), lookup::reason);
        emulator = lookup.start();
        return emulator.endpoint();
    }

    @Override
    protected void stopBackend() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    protected Map<Behaviour, String> knownGaps() {
        return Map.of(
                Behaviour.ATTRIBUTE_FILTERS,
                "Google's emulator accepts any filter without parsing it and delivers every message, matching or not.",
                Behaviour.ORDERING_AFTER_NACK,
                "after a nack Google's emulator redelivers only the nacked message, after the later messages of its"
                        + " ordering key, instead of redelivering it and every later message in order.",
                Behaviour.PUSH_ACK_ON_EVERY_SUCCESS_STATUS,
                "Google's emulator treats only 200, 201 and 204 as a push acknowledgement and retries a 202.",
                Behaviour.PUSH_RETRY_BACKOFF,
                "Google's emulator retries a failing push endpoint on its own schedule (about every second at first)"
                        + " and ignores the subscription's retry policy.",
                Behaviour.RETRY_BACKOFF_ON_EVERY_REDELIVERY,
                "Google's emulator redelivers the first nacked delivery at once and waits the retry policy's minimum"
                        + " backoff only from the second redelivery on.",
                Behaviour.NACK_WHEN_A_SUBSCRIBER_STOPS,
                "messages a subscriber nacks as it stops reach the next subscriber only after 10 to 30 s (measured"
                        + " with a 10 s ack deadline) instead of at once.");
    }
}
