package dev.matchflow.console;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.application.Application;
import javafx.scene.Scene;

/** The console's two looks: AtlantaFX's Primer themes, with the console's own colours on top. */
public enum Theme {
    LIGHT(new PrimerLight().getUserAgentStylesheet()),
    DARK(new PrimerDark().getUserAgentStylesheet());

    private static final String CONSOLE_STYLES =
            Theme.class.getResource("console.css").toExternalForm();

    private final String userAgentStylesheet;

    Theme(String userAgentStylesheet) {
        this.userAgentStylesheet = userAgentStylesheet;
    }

    /** Applies the theme to the whole application and marks the scene, so the console's colours follow it. */
    public void apply(Scene scene) {
        Application.setUserAgentStylesheet(userAgentStylesheet);
        if (!scene.getStylesheets().contains(CONSOLE_STYLES)) {
            scene.getStylesheets().add(CONSOLE_STYLES);
        }
        scene.getRoot().getStyleClass().removeAll(styleClasses());
        scene.getRoot().getStyleClass().add(styleClass());
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** {@code light} or {@code dark}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The theme with this {@link #id()}.
     *
     * @throws IllegalArgumentException naming the themes there are
     */
    public static Theme parse(String id) {
        return Arrays.stream(values())
                .filter(theme -> theme.id().equalsIgnoreCase(id.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown theme '" + id + "'; choose one of "
                        + Arrays.stream(values()).map(Theme::id).collect(Collectors.joining(", "))));
    }

    private String styleClass() {
        return "theme-" + id();
    }

    private static String[] styleClasses() {
        return Arrays.stream(values()).map(Theme::styleClass).toArray(String[]::new);
    }
}
