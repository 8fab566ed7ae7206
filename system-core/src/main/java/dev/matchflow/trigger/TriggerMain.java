package dev.matchflow.trigger;

import dev.matchflow.http.ApiServer;
import dev.matchflow.http.HttpSettings;
import dev.matchflow.observability.Telemetry;
import dev.matchflow.pubsub.PubSubClients;
import dev.matchflow.pubsub.PubSubTopology;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the trigger on its own, as the local stand-in for Eventarc next to Google's emulator, configured from the
 * environment: {@code FUNCTION_URL} (where the function takes CloudEvents), the topic of {@code PUBSUB_TOPIC} (or
 * {@code POOL_EVENTS_TOPIC}) in {@code GCP_PROJECT_ID} on the emulator at {@code PUBSUB_EMULATOR_HOST}, and
 * {@code PORT} and {@code HOST} for its status endpoint: {@code GET /deliveries} (the latest deliveries and those
 * under way), {@code GET /healthz} and {@code GET /metrics}.
 *
 * <p>It creates whatever of the topology is missing before it pulls, so that a fresh emulator needs nothing else.
 * In Google Cloud, Eventarc delivers instead and the deploy scripts create the topology.
 */
public final class TriggerMain {

    /** The trigger's name in logs, metrics and traces. */
    public static final String NAME = "trigger";

    private static final Logger log = LoggerFactory.getLogger(TriggerMain.class);
    private static final int DELIVERIES_KEPT = 10_000;

    private TriggerMain() {}

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        URI functionUrl = functionUrl(environment);
        Telemetry telemetry = Telemetry.create(NAME, environment);
        PubSubClients clients = PubSubClients.fromEnvironment(environment);
        PubSubTopology topology = PubSubTopology.fromEnvironment(environment);
        topology.provision(clients);

        TriggerSettings settings =
                new TriggerSettings(clients.projectId(), topology.topic(), topology.subscription(), functionUrl);
        DeliveryRecord deliveries = new DeliveryRecord(DELIVERIES_KEPT);
        PubSubTrigger trigger = new PubSubTrigger(settings, clients::subscriber, telemetry.openTelemetry())
                .addListener(deliveries)
                .start();

        ApiServer status = ApiServer.start(
                NAME,
                HttpSettings.fromEnvironment(environment),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                app -> app.get(
                        "/deliveries",
                        ctx -> ctx.json(
                                new DeliveryRecord.Status(trigger.deliveriesInFlight(), deliveries.entries()))));
        log.info("trigger status on {}/deliveries", status.url());

        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            trigger.close();
                            status.close();
                            clients.close();
                            telemetry.close();
                        },
                        "trigger-shutdown"));
    }

    private static URI functionUrl(Map<String, String> environment) {
        String value = environment.getOrDefault("FUNCTION_URL", "").trim();
        if (value.isEmpty()) {
            throw new IllegalStateException(
                    "FUNCTION_URL is not set; set it to where the cleanup function takes CloudEvents, for example"
                            + " http://127.0.0.1:8084/");
        }
        return URI.create(value);
    }
}
