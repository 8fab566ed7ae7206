package dev.matchflow.console.actions;

import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.console.RunningStack;
import dev.matchflow.console.Selection;
import dev.matchflow.console.StackSession;
import dev.matchflow.console.Tables;
import dev.matchflow.console.UiLatest;
import dev.matchflow.matches.Match;
import dev.matchflow.pools.Membership;
import dev.matchflow.stack.StackSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The manual actions, beside every screen. Each runs through the stack's public APIs on the session's action
 * threads; its outcome is written under the buttons, and a failure opens the error dialog. Actions on "the
 * selected" pool, user or match use what was last picked on any screen.
 */
public final class ActionsPane {

    private final StackSession session;
    private final Selection selection;
    private final UiLatest<StackSnapshot> snapshots;
    private final Map<UUID, UUID> lastPoolLeft = new ConcurrentHashMap<>();
    private final TextField poolName = field("pool-name", "evening");
    private final TextField capacity = field("pool-capacity", "");
    private final Spinner<Integer> userCount = new Spinner<>(1, 1000, 10);
    private final Spinner<Integer> matchCount = new Spinner<>(1, 1000, 10);
    private final TextField matchId = field("decide-match", "");
    private final ChoiceBox<String> decidingUser = new ChoiceBox<>();
    private final TextField userId = field("leave-user", "");
    private final TextArea messageBody = new TextArea();
    private final TextArea messageAttributes = new TextArea();
    private final Label result = new Label("Pick an action");
    private final VBox sections = new VBox(6);
    private final ScrollPane scroll = new ScrollPane(sections);
    private final BorderPane root = new BorderPane(scroll);

    public ActionsPane(StackSession session, Selection selection, UiLatest<StackSnapshot> snapshots) {
        this.session = session;
        this.selection = selection;
        this.snapshots = snapshots;
        result.setId("action-result");
        result.setWrapText(true);
        sections.getChildren().addAll(poolSection(), userSection(), matchSection(), decideSection());
        sections.getChildren().addAll(leaveSection(), publishSection(), reconcileSection());
        sections.setPadding(new Insets(8));
        sections.setPrefWidth(330);
        scroll.setFitToWidth(true);
        scroll.setId("actions");
        result.setPadding(new Insets(8));
        result.setPrefWidth(330);
        result.getStyleClass().add("action-result");
        root.setTop(result);
        selection.match().addListener((match, was, now) -> matchId.setText(now == null ? "" : now.toString()));
        selection.user().addListener((user, was, now) -> userId.setText(now == null ? "" : now.toString()));
    }

    public BorderPane node() {
        return root;
    }

    /** Writes an action's outcome where the person at the console looks for it. */
    public void report(String text) {
        result.setText(text);
    }

    /** Runs an action and writes {@code done} of its outcome under the buttons; a failure opens the dialog. */
    public <T> CompletableFuture<T> run(String what, Function<RunningStack, T> work, Function<T, String> done) {
        report(what + "...");
        CompletableFuture<T> action = session.act(what, work);
        action.whenComplete((value, error) -> Platform.runLater(
                () -> report(error == null ? done.apply(value) : what + " failed: " + rootMessage(error))));
        return action;
    }

    public void createPool() {
        String name = poolName.getText().isBlank() ? "pool" : poolName.getText().strip();
        Integer limit;
        try {
            limit = capacity.getText().isBlank()
                    ? null
                    : Integer.valueOf(capacity.getText().strip());
        } catch (NumberFormatException e) {
            report("Capacity '" + capacity.getText() + "' is not a whole number; leave it empty for no limit");
            return;
        }
        run("Create pool " + name, running -> running.client().createPool(name, limit), pool -> {
            selection.pool().set(pool.id());
            return "Created pool " + pool.name() + " (" + pool.id() + ")";
        });
    }

    public void deletePool() {
        withPool(poolId -> run(
                "Delete pool " + Tables.shortId(poolId),
                running -> {
                    running.client().deletePool(poolId);
                    return poolId;
                },
                deleted -> "Deleted pool " + deleted + " with its members and matches"));
    }

    public void addUsers() {
        int count = userCount.getValue();
        withPool(poolId -> run(
                "Add " + count + " users",
                running -> joinNewUsers(running, poolId, count),
                joined -> "Added " + joined.size() + " users to pool " + Tables.shortId(poolId)));
    }

    public void createMatches() {
        int count = matchCount.getValue();
        withPool(poolId -> {
            List<UUID> members = currentMembers(poolId);
            if (members.size() < 2) {
                report("Pool " + Tables.shortId(poolId) + " has fewer than two members; add users first");
                return;
            }
            run(
                    "Create " + count + " matches",
                    running -> matchRandomPairs(running, poolId, members, count),
                    created -> "Created " + created.size() + " matches in pool " + Tables.shortId(poolId));
        });
    }

    public void leave() {
        withUser(user -> run(
                "Leave as " + Tables.shortId(user), running -> running.client().leave(user), left -> {
                    lastPoolLeft.put(left.userId(), left.poolId());
                    return "User " + Tables.shortId(left.userId()) + " left pool " + Tables.shortId(left.poolId())
                            + "; event " + left.eventId() + " "
                            + left.event().name().toLowerCase(Locale.ROOT);
                }));
    }

    public void rejoin() {
        withUser(user -> {
            UUID poolId = Optional.ofNullable(lastPoolLeft.get(user))
                    .orElse(selection.pool().get());
            if (poolId == null) {
                report("User " + Tables.shortId(user) + " left no pool from this console; select the pool to join");
                return;
            }
            run(
                    "Rejoin as " + Tables.shortId(user),
                    running -> running.client().join(user, poolId),
                    joined -> "User " + Tables.shortId(user) + " joined pool " + Tables.shortId(joined.poolId()));
        });
    }

    public void decide(String decision) {
        UUID match;
        try {
            match = UUID.fromString(matchId.getText().strip());
        } catch (IllegalArgumentException e) {
            report("Match id '" + matchId.getText() + "' is not a UUID; click a match on the pools screen");
            return;
        }
        boolean userA = decidingUser.getValue().endsWith("A");
        run(
                decision + " match " + Tables.shortId(match),
                running -> decideAs(running, match, userA, decision),
                decided -> "Match " + Tables.shortId(decided.id()) + " is now "
                        + decided.status().wireName());
    }

    public void publish() {
        PubsubMessage message;
        try {
            message = HandMessage.of(messageBody.getText(), messageAttributes.getText());
        } catch (IllegalArgumentException e) {
            report("Not published: " + e.getMessage());
            return;
        }
        run(
                "Publish a message by hand",
                running -> running.stack().publishByHand(message),
                messageId -> "Published message " + messageId + " to the topic");
    }

    /** Runs Matches' reconciliation sweep, which removes what a lost leave event left behind. */
    public void reconcile() {
        run(
                "Reconcile",
                running -> running.client().reconcile(),
                swept -> "Reconciliation checked " + swept.poolsChecked() + " pools: " + swept.matchesDeleted()
                        + " matches and " + swept.decisionsDeleted() + " decisions deleted, " + swept.acceptedKept()
                        + " accepted kept");
    }

    private VBox poolSection() {
        capacity.setPromptText("no limit");
        Button create = button("Create pool", "create-pool", this::createPool);
        Button delete = button("Delete selected pool", "delete-pool", this::deletePool);
        return section(
                "Pools",
                new HBox(6, new Label("Name"), poolName),
                new HBox(6, new Label("Capacity"), capacity),
                new HBox(6, create, delete));
    }

    private VBox userSection() {
        userCount.setEditable(true);
        userCount.setId("user-count");
        return section(
                "Users", new HBox(6, userCount, button("Add users to selected pool", "add-users", this::addUsers)));
    }

    private VBox matchSection() {
        matchCount.setEditable(true);
        matchCount.setId("match-count");
        return section(
                "Matches",
                new HBox(
                        6,
                        matchCount,
                        button("Create matches in selected pool", "create-matches", this::createMatches)));
    }

    private VBox decideSection() {
        decidingUser.getItems().addAll("as user A", "as user B");
        decidingUser.setValue("as user A");
        matchId.setPromptText("click a match");
        return section(
                "Decide",
                matchId,
                new HBox(
                        6,
                        decidingUser,
                        button("Accept", "accept", () -> decide("accept")),
                        button("Reject", "reject", () -> decide("reject"))));
    }

    private VBox leaveSection() {
        userId.setPromptText("click a member");
        return section(
                "Leave and rejoin",
                userId,
                new HBox(6, button("Leave", "leave", this::leave), button("Rejoin", "rejoin", this::rejoin)));
    }

    private VBox publishSection() {
        messageBody.setPrefRowCount(3);
        messageBody.setWrapText(true);
        messageBody.setId("message-body");
        messageBody.setPromptText("the message body, for example an event as DESIGN.md describes it");
        messageAttributes.setPrefRowCount(2);
        messageAttributes.setId("message-attributes");
        messageAttributes.setPromptText("attributes, one key=value a line");
        Button valid = button("Fill a valid event", "fill-valid", this::fillValid);
        Button malformed = button("Fill a malformed one", "fill-malformed", this::fillMalformed);
        return section(
                "Publish a message by hand",
                messageBody,
                messageAttributes,
                new HBox(6, valid, malformed),
                button("Publish", "publish", this::publish));
    }

    private VBox reconcileSection() {
        Label what = new Label("Removes the non-accepted matches of users who are no longer members, as after a leave"
                + " whose event was lost.");
        what.setWrapText(true);
        return section("Reconciliation", what, button("Run reconciliation", "reconcile", this::reconcile));
    }

    private void fillValid() {
        UUID pool = Optional.ofNullable(selection.pool().get()).orElseGet(UUID::randomUUID);
        UUID user = Optional.ofNullable(selection.user().get()).orElseGet(UUID::randomUUID);
        HandMessage.Example example = HandMessage.validEvent(pool, user);
        messageBody.setText(example.body());
        messageAttributes.setText(example.attributeLines());
    }

    private void fillMalformed() {
        HandMessage.Example example = HandMessage.malformedEvent(
                Optional.ofNullable(selection.pool().get()).orElseGet(UUID::randomUUID));
        messageBody.setText(example.body());
        messageAttributes.setText(example.attributeLines());
    }

    private void withPool(Consumer<UUID> action) {
        UUID poolId = selection.pool().get();
        if (poolId == null) {
            report("Select a pool first, on the pools screen or by creating one");
            return;
        }
        action.accept(poolId);
    }

    private void withUser(Consumer<UUID> action) {
        try {
            action.accept(UUID.fromString(userId.getText().strip()));
        } catch (IllegalArgumentException e) {
            report("User id '" + userId.getText() + "' is not a UUID; click a member on the pools screen");
        }
    }

    private List<UUID> currentMembers(UUID poolId) {
        StackSnapshot state = snapshots.current();
        return state == null
                ? List.of()
                : state.membersOf(poolId).stream().map(Membership::userId).toList();
    }

    private static List<Membership> joinNewUsers(RunningStack running, UUID poolId, int count) {
        List<Membership> joined = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            joined.add(running.client().join(UUID.randomUUID(), poolId));
        }
        return joined;
    }

    private static List<Match> matchRandomPairs(RunningStack running, UUID poolId, List<UUID> members, int count) {
        List<UUID> shuffled = new ArrayList<>(members);
        List<Match> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Collections.shuffle(shuffled);
            created.add(running.client().createMatch(poolId, shuffled.get(0), shuffled.get(1)));
        }
        return created;
    }

    private static Match decideAs(RunningStack running, UUID matchId, boolean userA, String decision) {
        Match match = running.client()
                .match(matchId)
                .orElseThrow(() -> new IllegalArgumentException("match " + matchId + " does not exist (any more)"));
        return running.client().decide(matchId, userA ? match.userAId() : match.userBId(), decision);
    }

    private static VBox section(String title, Node... content) {
        Label heading = new Label(title);
        heading.getStyleClass().add("pane-title");
        VBox box = new VBox(6, heading);
        box.getChildren().addAll(content);
        box.getStyleClass().add("action-section");
        return box;
    }

    private static Button button(String text, String id, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(click -> action.run());
        return button;
    }

    private static TextField field(String id, String text) {
        TextField field = new TextField(text);
        field.setId(id);
        return field;
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
