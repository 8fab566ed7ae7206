package dev.matchflow.scenarios.run;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a scenario's run amounted to: the stack's state at the end, throughput, and leave-to-cleanup latency.
 *
 * @param state counts of the stack's state at the end
 * @param setUpRequests requests the set-up sent
 * @param setUpPerSecond requests per second during the set-up
 * @param stepRequests requests the steps sent
 * @param stepsPerSecond requests per second over the steps
 * @param leaves leaves User-Match answered
 * @param cleanedUpLeaves leaves whose cleanup completed
 * @param leavesPerSecond cleaned-up leaves per second, from the first leave's request to the last leave's cleanup
 * @param leaveToCleanup latency percentiles, when any leave was cleaned up
 * @param cleanedUp every cleaned-up leave, in the order they completed, for the latency chart
 * @param faults when each fault was on
 * @param startedAt when the scenario started, where the chart's time axis begins
 */
public record RunFigures(
        StateCounts state,
        int setUpRequests,
        double setUpPerSecond,
        int stepRequests,
        double stepsPerSecond,
        int leaves,
        int cleanedUpLeaves,
        double leavesPerSecond,
        Optional<LatencySummary> leaveToCleanup,
        List<LeaveLatency> cleanedUp,
        List<FaultSpan> faults,
        Instant startedAt) {

    public RunFigures {
        cleanedUp = List.copyOf(cleanedUp);
        faults = List.copyOf(faults);
    }

    /**
     * Counts of the stack's state at the end of a run.
     *
     * @param deadLetters messages that went to the dead-letter topic
     * @param rejectedMessages messages the function acknowledged without cleanup
     * @param pendingEvents events still in User-Match's outbox
     */
    public record StateCounts(
            int pools,
            int members,
            int waiting,
            int accepted,
            int rejected,
            int decisions,
            int cleanups,
            int deadLetters,
            int rejectedMessages,
            int pendingEvents) {

        /** Each count under its name in reports, in this order. */
        public Map<String, Integer> byName() {
            Map<String, Integer> named = new LinkedHashMap<>();
            named.put("pools", pools);
            named.put("members", members);
            named.put("waiting matches", waiting);
            named.put("accepted matches", accepted);
            named.put("rejected matches", rejected);
            named.put("decisions", decisions);
            named.put("cleanups", cleanups);
            named.put("dead letters", deadLetters);
            named.put("rejected messages", rejectedMessages);
            named.put("pending events", pendingEvents);
            return named;
        }
    }
}
