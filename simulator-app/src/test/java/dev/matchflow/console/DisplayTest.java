package dev.matchflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DisplayTest {

    @Test
    void withoutADisplayVariableOnLinuxItSaysSoAndHowToGetOne() {
        assertThat(Display.missing(Map.of(), "Linux", null))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("neither DISPLAY nor WAYLAND_DISPLAY is set")
                        .contains("xvfb-run ./matchflow console"));
    }

    @Test
    void anX11OrAWaylandDisplayWillDo() {
        assertThat(Display.missing(Map.of("DISPLAY", ":99"), "Linux", null)).isEmpty();
        assertThat(Display.missing(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null))
                .isEmpty();
    }

    @Test
    void theHeadlessMonoclePlatformAndOtherSystemsNeedNoVariable() {
        assertThat(Display.missing(Map.of(), "Linux", "Monocle")).isEmpty();
        assertThat(Display.missing(Map.of(), "Mac OS X", null)).isEmpty();
        assertThat(Display.missing(Map.of(), "Windows 11", null)).isEmpty();
    }
}
