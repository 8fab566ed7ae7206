package dev.matchflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.matchflow.console.letters.DeadLetter;
import dev.matchflow.console.topology.ComponentState;
import dev.matchflow.pools.Pool;
import dev.matchflow.stack.Component;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.FlowOutcome;
import dev.matchflow.stack.StackClient;
import dev.matchflow.stack.StackSettings;
import java.time.Duration;
import java.util.UUID;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * A fault switched on from the topology and what it does: Matches down, so a leave's cleanup fails at every
 * attempt until its message is dead-lettered; switched off, the dead letter is redriven and cleaned up. Pub/Sub's
 * retry backoffs run sixty times faster, so the five attempts take seconds.
 */
@ExtendWith(FxToolkitExtension.class)
class FaultsFlowTest extends FxRobot {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @RegisterExtension
    static final ConsoleUnderTest console =
            new ConsoleUnderTest(StackSettings.defaults().withTimeScale(60));

    @Test
    void matchesDownDeadLettersALeaveWhichIsCleanedUpOnceRedrivenAfterTheFaultIsOff() throws Exception {
        ConsoleWindow window = console.window();
        StackClient client = window.session().running().orElseThrow().client();
        Pool pool = client.createPool("faults", null);
        UUID leaver = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        client.join(leaver, pool.id());
        client.join(other, pool.id());
        client.createMatch(pool.id(), leaver, other);
        interact(() -> window.showTab("topology"));
        clickOn("#component-MATCHES");

        clickOn("#fault-matches-down");

        await().atMost(WITHIN).until(() -> window.topology().stateOf(Component.MATCHES) == ComponentState.DOWN);
        assertThat(lookup("#component-MATCHES").query().getStyleClass()).contains("state-down");
        assertThat(lookup("#details-state").queryAs(Label.class).getText()).isEqualTo("State: down");
        client.leave(leaver);
        TableView<DeadLetter> deadLetters = lookup("#dead-letters-table").queryTableView();
        await().atMost(WITHIN).until(() -> deadLetters.getItems().size() == 1);
        Screenshots.save(window.scene(), "topology-matches-down");
        assertThat(window.timeline().shownRows())
                .filteredOn(hop -> hop.action().equals("deliver"))
                .hasSize(5)
                .allMatch(hop -> hop.outcome() != FlowOutcome.OK);
        assertThat(deadLetters.getItems().get(0).userId()).isEqualTo(leaver.toString());
        assertThat(deadLetters.getItems().get(0).reason()).contains("cleanup");
        interact(() -> window.showTab("letters"));
        Screenshots.save(window.scene(), "dead-letters-after-matches-down");

        interact(() -> window.showTab("topology"));
        clickOn("#fault-matches-down");
        await().atMost(WITHIN).until(() -> window.topology().stateOf(Component.MATCHES) != ComponentState.DOWN);
        interact(() -> window.showTab("letters"));
        clickOn("#redrive");

        await().atMost(WITHIN)
                .until(() -> lookup("#redrive-result")
                        .queryAs(Label.class)
                        .getText()
                        .equals("1 dead letters published again to the topic"));
        await().atMost(WITHIN)
                .until(() -> window.timeline().shownRows().stream()
                        .anyMatch(hop -> hop.action().equals("cleanup")
                                && hop.outcome() == FlowOutcome.OK
                                && leaver.toString().equals(hop.userId())));
        FlowEvent redrive = window.timeline().shownRows().stream()
                .filter(hop -> hop.action().equals("redrive"))
                .findFirst()
                .orElseThrow();
        assertThat(redrive.from()).isEqualTo(Component.DEAD_LETTER_TOPIC);
        await().atMost(WITHIN)
                .until(() ->
                        window.session().snapshots().current().matchesOf(leaver).isEmpty());
    }
}
