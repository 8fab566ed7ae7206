package dev.matchflow.console.pools;

import dev.matchflow.console.Panes;
import dev.matchflow.console.Selection;
import dev.matchflow.console.Tables;
import dev.matchflow.console.UiLatest;
import dev.matchflow.matches.Match;
import dev.matchflow.matches.MatchStatus;
import dev.matchflow.pools.Membership;
import dev.matchflow.pools.Pool;
import dev.matchflow.stack.StackSnapshot;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The pools and matches screen. The list of pools and the selected pool's members and matches follow the state of
 * the system as it is read; a match that disappears fades out, so a cleanup is seen as it happens.
 */
public final class PoolsView {

    /** How many match tiles the grid shows at most; the rest are counted. */
    public static final int MAX_TILES = 400;

    private static final String ANY = "any";

    private final Selection selection;
    private final ListView<Pool> pools = new ListView<>();
    private final ListView<Membership> members = new ListView<>();
    private final FlowPane grid = new FlowPane(6, 6);
    private final Map<UUID, MatchTile> tiles = new LinkedHashMap<>();
    private final TextField user = new TextField();
    private final ChoiceBox<String> status = new ChoiceBox<>();
    private final Label summary = new Label("Select a pool");
    private final BorderPane root = new BorderPane();
    private StackSnapshot state;
    private boolean updatingPools;

    public PoolsView(UiLatest<StackSnapshot> snapshots, Selection selection) {
        this.selection = selection;
        snapshots.subscribe(this::show);
        pools.setId("pools-list");
        pools.setCellFactory(list -> poolCell());
        pools.getSelectionModel().selectedItemProperty().addListener((item, was, now) -> poolPicked(now));
        members.setId("members-list");
        members.setCellFactory(list -> memberCell());
        members.getSelectionModel().selectedItemProperty().addListener((item, was, now) -> {
            if (now != null) {
                selection.user().set(now.userId());
            }
        });
        grid.setId("match-grid");
        grid.setPadding(new Insets(8));
        summary.setId("pool-summary");
        ScrollPane gridScroll = new ScrollPane(grid);
        gridScroll.setFitToWidth(true);
        SplitPane poolParts = new SplitPane(Panes.titled("Members", members), Panes.titled("Matches", gridScroll));
        poolParts.setDividerPositions(0.3);
        BorderPane poolPane = new BorderPane(poolParts);
        poolPane.setTop(new VBox(filters(), summary));
        SplitPane split = new SplitPane(Panes.titled("Pools", pools), poolPane);
        split.setDividerPositions(0.25);
        root.setCenter(split);
    }

    public BorderPane node() {
        return root;
    }

    /** Forgets what was shown, as after a reset. */
    public void clear() {
        state = null;
        pools.getItems().clear();
        members.getItems().clear();
        clearTiles();
        summary.setText("Select a pool");
    }

    /** Selects the pool with this id when it is listed. */
    public void selectPool(UUID poolId) {
        pools.getItems().stream()
                .filter(pool -> pool.id().equals(poolId))
                .findFirst()
                .ifPresent(pool -> pools.getSelectionModel().select(pool));
    }

    private HBox filters() {
        user.setPromptText("user id");
        user.setId("pools-user-filter");
        status.getItems().add(ANY);
        for (MatchStatus value : MatchStatus.values()) {
            status.getItems().add(value.wireName());
        }
        status.setValue(ANY);
        status.setId("pools-status-filter");
        user.textProperty().addListener((text, was, now) -> refilter());
        status.valueProperty().addListener((value, was, now) -> refilter());
        HBox bar = new HBox(8, new Label("Matches of user"), user, new Label("Status"), status);
        bar.setPadding(new Insets(6));
        bar.getStyleClass().add("filter-bar");
        return bar;
    }

    private void show(StackSnapshot snapshot) {
        state = snapshot;
        if (!pools.getItems().equals(snapshot.pools())) {
            updatingPools = true;
            pools.getItems().setAll(snapshot.pools());
            updatingPools = false;
            UUID wanted = selection.pool().get();
            if (wanted != null) {
                selectPool(wanted);
            }
        }
        showPool();
    }

    private void poolPicked(Pool pool) {
        if (updatingPools) {
            return;
        }
        UUID picked = pool == null ? null : pool.id();
        if (!Objects.equals(picked, selection.pool().get())) {
            selection.pool().set(picked);
            clearTiles();
        }
        showPool();
    }

    private void refilter() {
        clearTiles();
        showPool();
    }

    private void showPool() {
        UUID poolId = selection.pool().get();
        if (state == null || poolId == null || state.pool(poolId).isEmpty()) {
            members.getItems().clear();
            fadeAll();
            summary.setText(poolId == null ? "Select a pool" : "The pool is gone");
            return;
        }
        List<Membership> poolMembers = state.membersOf(poolId);
        if (!members.getItems().equals(poolMembers)) {
            members.getItems().setAll(poolMembers);
        }
        List<Match> all = state.matches().stream()
                .filter(match -> match.poolId().equals(poolId))
                .toList();
        List<Match> shown =
                all.stream().filter(this::passesFilters).limit(MAX_TILES).toList();
        showTiles(shown, all.stream().map(Match::id).collect(Collectors.toSet()));
        summary.setText(summary(state.pool(poolId).get(), all, shown.size()));
    }

    private boolean passesFilters(Match match) {
        String wantedUser = user.getText().strip().toLowerCase(Locale.ROOT);
        boolean userMatches = wantedUser.isEmpty()
                || match.userAId().toString().startsWith(wantedUser)
                || match.userBId().toString().startsWith(wantedUser);
        return userMatches
                && (ANY.equals(status.getValue()) || match.status().wireName().equals(status.getValue()));
    }

    /** Tiles of deleted matches fade out; those of matches merely filtered away go at once. */
    private void showTiles(List<Match> shown, Set<UUID> existing) {
        Map<UUID, Match> byId = shown.stream().collect(Collectors.toMap(Match::id, Function.identity()));
        for (Map.Entry<UUID, MatchTile> tile : Map.copyOf(tiles).entrySet()) {
            if (byId.containsKey(tile.getKey()) || tile.getValue().isFading()) {
                continue;
            }
            if (existing.contains(tile.getKey())) {
                removeTile(tile.getKey());
            } else {
                tile.getValue().fadeOut(() -> removeTile(tile.getKey()));
            }
        }
        for (Match match : shown) {
            MatchTile tile = tiles.computeIfAbsent(match.id(), id -> addTile(match));
            tile.show(match);
        }
    }

    private MatchTile addTile(Match match) {
        MatchTile tile = new MatchTile(match);
        tile.setOnMouseClicked(click -> selection.match().set(match.id()));
        grid.getChildren().add(tile);
        return tile;
    }

    private void removeTile(UUID matchId) {
        MatchTile tile = tiles.remove(matchId);
        grid.getChildren().remove(tile);
    }

    private void fadeAll() {
        showTiles(List.of(), Set.of());
    }

    private void clearTiles() {
        tiles.clear();
        grid.getChildren().clear();
    }

    private static String summary(Pool pool, List<Match> all, int shown) {
        Map<MatchStatus, Long> byStatus = new HashMap<>();
        all.forEach(match -> byStatus.merge(match.status(), 1L, Long::sum));
        return pool.name() + ": " + pool.memberCount() + " members, " + all.size() + " matches ("
                + byStatus.getOrDefault(MatchStatus.WAITING, 0L) + " waiting, "
                + byStatus.getOrDefault(MatchStatus.ACCEPTED, 0L) + " accepted, "
                + byStatus.getOrDefault(MatchStatus.REJECTED, 0L) + " rejected)"
                + (shown < all.size() ? "; showing " + shown : "");
    }

    private static ListCell<Pool> poolCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Pool pool, boolean empty) {
                super.updateItem(pool, empty);
                setText(
                        empty || pool == null
                                ? null
                                : pool.name() + "  ·  " + pool.memberCount()
                                        + (pool.capacity() == null ? "" : "/" + pool.capacity()) + " members  ·  "
                                        + Tables.shortId(pool.id()));
            }
        };
    }

    private static ListCell<Membership> memberCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Membership member, boolean empty) {
                super.updateItem(member, empty);
                setText(
                        empty || member == null
                                ? null
                                : member.userId() + "  joined " + Tables.clock(member.joinedAt()));
            }
        };
    }
}
