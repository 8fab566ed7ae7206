package dev.matchflow.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

/** The JSON payloads under {@code src/test/resources/events/} and the ids they carry. */
public final class EventFixtures {

    public static final UUID EVENT_ID = UUID.fromString("6f1c2d8e-3b5a-4c1e-9f7a-2d4b6c8e0a1f");
    public static final UUID POOL_ID = UUID.fromString("11111111-1111-4111-8111-111111111111");
    public static final UUID USER_ID = UUID.fromString("22222222-2222-4222-8222-222222222222");

    private EventFixtures() {}

    /** The bytes of the fixture file {@code name}, exactly as stored. */
    public static byte[] payload(String name) {
        try (InputStream in = EventFixtures.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture events/" + name + " on the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading fixture events/" + name, e);
        }
    }

    /** The fixture JSON without insignificant whitespace, as a producer would publish it. */
    public static byte[] compact(byte[] json) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            return mapper.writeValueAsBytes(mapper.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("fixture is not JSON", e);
        }
    }

    /** Attributes that agree with the fixture ids, as User-Match publishes them. */
    public static Map<String, String> matchingAttributes() {
        return Map.of(
                "event_type",
                "pool_member_removed",
                "pool_id",
                POOL_ID.toString(),
                "user_id",
                USER_ID.toString(),
                "version",
                "1");
    }
}
