/**
 * Faults on purpose: switches that make a part of a running {@link dev.matchflow.stack.SystemStack} down, slow or
 * failing, and Pub/Sub lose, delay, duplicate or reorder messages, at run time, to show what the system does when
 * things go wrong.
 *
 * <h2>Switching faults</h2>
 *
 * <pre>{@code
 * Faults faults = stack.faults();
 * faults.on("matches failing 0.3 status 503");      // from text, as a scenario step writes it
 * faults.on(Fault.fromMap(Map.of("component", "pubsub", "kind", "delay", "delay", "2s")));  // from data
 * faults.on(Fault.slow(FaultComponent.MATCHES, Duration.ofMillis(200), Duration.ofMillis(50)));  // from Java
 * faults.off("matches failing");                     // a component and a kind
 * faults.off("pubsub");                              // every fault of a component
 * faults.clear();                                    // every fault
 * faults.active();                                   // what is on, also in stack.snapshot().faults()
 * faults.subscribe(change -> ...);                   // hear every change
 * }</pre>
 *
 * <p>At most one fault of each kind is on per component; switching one on replaces the one of its kind. Every change
 * is logged at INFO, published on the stack's flow feed (action {@code fault on} or {@code fault off}), and counted
 * on the stack's {@code /metrics}: {@code stack_faults_active}, and {@code stack_faults_injected_total} by component
 * and kind each time a fault acted. Random choices come from {@link dev.matchflow.stack.StackSettings#faultSeed()}.
 *
 * <h2>The text of a fault</h2>
 *
 * <p>{@code COMPONENT KIND [VALUE] [NAME VALUE | reset]...}: the component, the kind, then the kind's parameters
 * ({@link dev.matchflow.faults.FaultParameter}); the first may go without its name. Durations read {@code 200ms},
 * {@code 2s}, {@code 1.5s} or {@code 1m}; probabilities {@code 0.3} or {@code 30%}. The map form has the keys {@code
 * component} and {@code kind} and a key per parameter ({@code reset} takes {@code true}).
 *
 * <table>
 *   <caption>Components and their faults</caption>
 *   <tr><th>component</th><th>kinds</th><th>examples</th></tr>
 *   <tr><td>{@code usermatch}, {@code pools}, {@code matches}</td>
 *       <td>{@code down [status 500|503]}, {@code slow LATENCY [jitter J]},
 *           {@code failing [P] [status 500|503 | reset]}; usermatch also {@code crash-before-outbox [P]}</td>
 *       <td>{@code matches down}, {@code matches slow 200ms jitter 50ms}, {@code matches failing 0.3 status 503},
 *           {@code usermatch crash-before-outbox}</td></tr>
 *   <tr><td>{@code function}</td><td>{@code down}, {@code slow LATENCY [jitter J]}, {@code crash [P]}
 *       ({@code failing} is read as {@code crash})</td><td>{@code function crash 0.5}</td></tr>
 *   <tr><td>{@code trigger}</td><td>{@code down}, {@code slow LATENCY [jitter J]}, {@code failing [P]}</td>
 *       <td>{@code trigger down}, {@code trigger failing 0.2}</td></tr>
 *   <tr><td>{@code pubsub}</td><td>{@code down} (also written {@code publish-outage}), {@code slow LATENCY},
 *       {@code delay D}, {@code duplicate [COPIES]}, {@code reorder [WINDOW]}</td>
 *       <td>{@code pubsub publish-outage}, {@code pubsub delay 2s}, {@code pubsub duplicate 3},
 *           {@code pubsub reorder}</td></tr>
 *   <tr><td>{@code database}</td><td>{@code down}, {@code slow LATENCY}, {@code cleanup-error [P]}
 *       ({@code failing} is read as {@code cleanup-error})</td><td>{@code database cleanup-error}</td></tr>
 * </table>
 *
 * <h2>How each fault acts</h2>
 *
 * <ul>
 *   <li>Every HTTP part (the three services and the function) is reached through a {@link
 *       dev.matchflow.faults.LoopbackProxy}: down, it stops listening and cuts open connections, so callers get
 *       "connection refused". A service down with a status, slow or failing acts at its server's boundary, before
 *       routing ({@link dev.matchflow.http.RequestGate}); {@code reset} drops the connection without an answer.
 *   <li>The function, slow or crashing, runs inside its host: a crash throws, the host answers 500, and the
 *       subscription retries the delivery.
 *   <li>The trigger down stops pulling, so messages wait in the subscription; slow, failing (handed back unPOSTed),
 *       and Pub/Sub's delay, duplicate and reorder act between the subscription and the function ({@link
 *       dev.matchflow.trigger.DeliveryPlanner}). One user's messages keep their order, as their ordering key
 *       guarantees.
 *   <li>Pub/Sub down refuses User-Match's publishes at the relay in front of the emulator, so events wait in the
 *       outbox; slow holds every chunk of them. Both need an emulator backend.
 *   <li>User-Match's crash-before-outbox ends a leave after Pools committed it and before its event is stored, with
 *       the connection cut: no event of that leave exists ({@link dev.matchflow.usermatch.LeaveCheckpoint}).
 *   <li>The database acts inside Matches' cleanup transactions ({@link dev.matchflow.matches.CleanupCheckpoints}):
 *       down fails them as they begin, slow holds their locks before commit, cleanup-error makes the database fail a
 *       statement after the deletions, so the whole cleanup rolls back.
 * </ul>
 */
package dev.matchflow.faults;
