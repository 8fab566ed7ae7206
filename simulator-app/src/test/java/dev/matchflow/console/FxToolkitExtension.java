package dev.matchflow.console;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * Starts the JavaFX toolkit once for every test class of the run that needs it (headless under Monocle, as the
 * build configures it); JavaFX cannot be started twice in one process.
 */
public final class FxToolkitExtension implements BeforeAllCallback {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (STARTED.compareAndSet(false, true)) {
            FxToolkit.registerPrimaryStage();
        }
    }
}
