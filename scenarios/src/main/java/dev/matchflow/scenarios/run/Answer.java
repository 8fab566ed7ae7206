package dev.matchflow.scenarios.run;

import dev.matchflow.http.ServiceCallException;
import java.util.Optional;

/**
 * How a service answered one request of the runner.
 *
 * @param status the HTTP status, {@link #NO_ANSWER} when none came, {@link #NOT_SENT} when it was not sent
 * @param error what went wrong, for anything but a 2xx
 */
record Answer(int status, Optional<String> error) {

    static final int NO_ANSWER = ServiceCallException.NO_ANSWER;

    /** The status of a request that was not sent, because what it needed was missing. */
    static final int NOT_SENT = -1;

    static final Answer OK = new Answer(200, Optional.empty());

    static Answer skipped(String why) {
        return new Answer(NOT_SENT, Optional.of(why));
    }

    static Answer of(ServiceCallException e) {
        return new Answer(e.status(), Optional.of(e.getMessage()));
    }

    boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
