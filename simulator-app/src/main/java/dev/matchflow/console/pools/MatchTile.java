package dev.matchflow.console.pools;

import dev.matchflow.console.Tables;
import dev.matchflow.matches.Match;
import dev.matchflow.matches.MatchStatus;
import javafx.animation.FadeTransition;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** One match as a tile, coloured by its status; a deleted match's tile fades out before it goes. */
final class MatchTile extends VBox {

    static final Duration FADE = Duration.millis(1500);

    private final Label status = new Label();
    private MatchStatus shown;
    private boolean fading;

    MatchTile(Match match) {
        Label users = new Label(Tables.shortId(match.userAId()) + " ⇄ " + Tables.shortId(match.userBId()));
        users.getStyleClass().add("match-users");
        getChildren().addAll(users, status);
        getStyleClass().add("match-tile");
        setId("match-" + match.id());
        show(match);
    }

    void show(Match match) {
        if (match.status() == shown) {
            return;
        }
        if (shown != null) {
            getStyleClass().remove(styleClass(shown));
        }
        getStyleClass().add(styleClass(match.status()));
        status.setText(match.status().wireName());
        shown = match.status();
    }

    boolean isFading() {
        return fading;
    }

    /** Fades the tile out, then runs {@code removal}. */
    void fadeOut(Runnable removal) {
        fading = true;
        getStyleClass().add("match-deleted");
        status.setText("deleted");
        FadeTransition fade = new FadeTransition(FADE, this);
        fade.setToValue(0);
        fade.setOnFinished(done -> removal.run());
        fade.play();
    }

    private static String styleClass(MatchStatus status) {
        return "match-" + status.wireName();
    }
}
