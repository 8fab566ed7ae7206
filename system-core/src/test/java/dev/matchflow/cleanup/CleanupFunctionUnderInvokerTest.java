package dev.matchflow.cleanup;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The function inside Google's Functions Framework invoker, which constructs it with its no-arg constructor: the
 * settings reach it as system properties, standing in for the environment variables of a deployment.
 */
class CleanupFunctionUnderInvokerTest extends CleanupFunctionOverHttpContract {

    private static final List<String> SETTINGS = List.of(
            CleanupSettings.MATCHES_SERVICE_URL, CleanupSettings.INTERNAL_TOKEN, CleanupSettings.MATCHES_TIMEOUT_MS);

    private FunctionsFrameworkInvoker invoker;

    @Override
    URI startFunction(URI matchesUrl, Duration requestTimeout) throws Exception {
        System.setProperty(CleanupSettings.MATCHES_SERVICE_URL, matchesUrl.toString());
        System.setProperty(CleanupSettings.INTERNAL_TOKEN, CleanupFunctionTest.TOKEN);
        System.setProperty(CleanupSettings.MATCHES_TIMEOUT_MS, Long.toString(requestTimeout.toMillis()));
        invoker = FunctionsFrameworkInvoker.start(CleanupFunction.class);
        return invoker.url();
    }

    @AfterEach
    void stopInvoker() throws Exception {
        SETTINGS.forEach(System::clearProperty);
        if (invoker != null) {
            invoker.close();
        }
    }
}
