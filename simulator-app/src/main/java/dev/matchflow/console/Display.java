package dev.matchflow.console;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Whether this process has a screen to open the console's window on, asked before JavaFX starts. */
final class Display {

    /** What to tell someone who started the console where no window can open. */
    static final String HOW_TO_GET_ONE =
            "Start it in a desktop session, over ssh -X, or under a virtual display:" + " xvfb-run ./matchflow console";

    private Display() {}

    /**
     * Why no window can open here, or empty when one can. Only X11 and Wayland need a variable to find their
     * display; JavaFX's headless Monocle platform needs none.
     */
    static Optional<String> missing(Map<String, String> environment, String osName, String glassPlatform) {
        boolean unixDesktop = !osName.toLowerCase(Locale.ROOT).startsWith("windows")
                && !osName.toLowerCase(Locale.ROOT).startsWith("mac");
        if (!unixDesktop || "Monocle".equalsIgnoreCase(glassPlatform)) {
            return Optional.empty();
        }
        if (isSet(environment.get("DISPLAY")) || isSet(environment.get("WAYLAND_DISPLAY"))) {
            return Optional.empty();
        }
        return Optional.of("there is no display to open the console's window on: neither DISPLAY nor"
                + " WAYLAND_DISPLAY is set. " + HOW_TO_GET_ONE);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
