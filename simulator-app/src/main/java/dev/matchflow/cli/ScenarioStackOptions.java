package dev.matchflow.cli;

import dev.matchflow.pubsub.PubSubBackend;
import dev.matchflow.scenarios.run.RunOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options of commands that run scenarios: which Pub/Sub and database every scenario gets, over its file. */
final class ScenarioStackOptions {

    @Option(
            names = "--pubsub",
            paramLabel = "BACKEND",
            description = "Pub/Sub backend for every scenario, over what the files say: embedded, google-emulator,"
                    + " container, external (PUBSUB_EMULATOR_HOST) or gcp.")
    private String pubsub;

    @Option(
            names = "--database",
            paramLabel = "URL",
            description = "h2, or a MySQL or MariaDB URL (jdbc:mariadb://root@127.0.0.1:3306/test): each scenario then"
                    + " gets a fresh database on that server, dropped when it ends.")
    private String database;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "The most requests the set-up and bulk steps send at once (default: ${DEFAULT-VALUE}).",
            defaultValue = "8")
    private int parallelism;

    /**
     * The run options these flags ask for.
     *
     * @throws CommandLine.ParameterException for an unknown backend, naming the valid ones
     */
    RunOptions runOptions(CommandSpec spec) {
        RunOptions options;
        try {
            options = RunOptions.defaults().withParallelism(parallelism);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (pubsub != null) {
            try {
                options = options.withPubSub(PubSubBackend.parse(pubsub));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
        return database == null ? options : options.withDatabase(database.strip());
    }
}
