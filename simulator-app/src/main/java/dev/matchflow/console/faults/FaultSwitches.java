package dev.matchflow.console.faults;

import dev.matchflow.console.StackAttachment;
import dev.matchflow.console.StackSession;
import dev.matchflow.console.UiLatest;
import dev.matchflow.faults.ActiveFault;
import dev.matchflow.faults.FaultComponent;
import dev.matchflow.faults.FaultKind;
import dev.matchflow.faults.Faults;
import dev.matchflow.stack.Component;
import dev.matchflow.stack.SystemStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The fault switches of the parts of the system: a check box per kind of fault, with its settings written as the
 * fault's text has them ({@code 200ms jitter 50ms}, {@code 0.5 status 500}). Switching runs on the session's action
 * threads; the boxes follow the faults actually on, however they were switched (here, by a scenario, or over the
 * stack's endpoint).
 */
public final class FaultSwitches implements StackAttachment {

    private static final Map<FaultKind, String> DEFAULT_SETTINGS = Map.of(
            FaultKind.SLOW, "500ms",
            FaultKind.FAILING, "0.5",
            FaultKind.CRASH, "0.5",
            FaultKind.CRASH_BEFORE_OUTBOX, "0.5",
            FaultKind.CLEANUP_ERROR, "0.5",
            FaultKind.DELAY, "2s",
            FaultKind.DUPLICATE, "2",
            FaultKind.REORDER, "500ms");

    private final StackSession session;
    private final UiLatest<List<ActiveFault>> active;
    private final List<Switch> switches = new ArrayList<>();
    private boolean syncing;

    public FaultSwitches(StackSession session, UiLatest<List<ActiveFault>> active) {
        this.session = session;
        this.active = active;
        active.subscribe(this::sync);
    }

    /** Follows the faults of each stack the console starts. */
    @Override
    public AutoCloseable attach(SystemStack stack) {
        Faults faults = stack.faults();
        active.set(faults.active());
        return faults.subscribe(change -> active.set(faults.active()));
    }

    /** The switches of the faultable parts behind {@code component}, or a note that it takes none. */
    public Node switchesFor(Component component) {
        List<FaultComponent> parts = FaultPlaces.behind(component);
        VBox box = new VBox(6);
        box.setPadding(new Insets(8, 0, 0, 0));
        Label title = new Label(parts.isEmpty() ? "No faults to switch here" : "Faults");
        title.getStyleClass().add("pane-title");
        box.getChildren().add(title);
        for (FaultComponent part : parts) {
            if (parts.size() > 1) {
                box.getChildren().add(new Label(part.displayName()));
            }
            for (FaultKind kind : part.kinds()) {
                box.getChildren().add(newSwitch(part, kind));
            }
        }
        sync(Optional.ofNullable(active.current()).orElse(List.of()));
        return box;
    }

    private HBox newSwitch(FaultComponent part, FaultKind kind) {
        CheckBox on = new CheckBox(kind.wireName());
        on.setId("fault-" + part.wireName() + "-" + kind.wireName());
        on.setMinWidth(150);
        TextField settings = new TextField(DEFAULT_SETTINGS.getOrDefault(kind, ""));
        settings.setPromptText(kind.parameters().get(0).expected());
        settings.setPrefColumnCount(8);
        settings.setTooltip(new Tooltip("Settings: "
                + kind.parameters().stream()
                        .map(parameter -> parameter.wireName() + " (" + parameter.expected() + ")")
                        .toList()));
        Switch switched = new Switch(part, kind, on, settings);
        switches.removeIf(old -> old.part == part && old.kind == kind);
        switches.add(switched);
        on.selectedProperty().addListener((box, was, now) -> flipped(switched, now));
        return new HBox(6, on, settings);
    }

    private void flipped(Switch switched, boolean on) {
        if (syncing) {
            return;
        }
        String name = switched.part.wireName() + " " + switched.kind.wireName();
        CompletableFuture<?> switching;
        if (on) {
            String text = (name + " " + switched.settings.getText()).strip();
            switching = session.act(
                    "Switch on " + text, running -> running.stack().faults().on(text));
        } else {
            switching = session.act(
                    "Switch off " + name, running -> running.stack().faults().off(switched.part, switched.kind));
        }
        switching.whenComplete((done, error) -> {
            if (error != null) {
                Platform.runLater(
                        () -> sync(Optional.ofNullable(active.current()).orElse(List.of())));
            }
        });
    }

    /** Sets every box to what is on, so a refused switch springs back and one switched elsewhere shows. */
    private void sync(List<ActiveFault> faults) {
        syncing = true;
        try {
            for (Switch each : switches) {
                Optional<ActiveFault> on = faults.stream()
                        .filter(fault -> fault.fault().component() == each.part
                                && fault.fault().kind() == each.kind)
                        .findFirst();
                each.box.setSelected(on.isPresent());
                each.box.setTooltip(
                        on.map(fault -> new Tooltip(fault.fault().explain())).orElse(null));
            }
        } finally {
            syncing = false;
        }
    }

    private record Switch(FaultComponent part, FaultKind kind, CheckBox box, TextField settings) {}
}
