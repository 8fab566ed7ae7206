package dev.matchflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.matchflow.cleanup.CleanupFunction;
import dev.matchflow.cleanup.CleanupSettings;
import dev.matchflow.security.InternalAuth;
import dev.matchflow.security.InternalTokenVerifiers;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Google Cloud scripts in deploy/gcp as a dry run and checks the commands they would run. gcloud and mvn on
 * the PATH are shims that record any call, so a dry run that runs anything fails here. These tests live next to the
 * images and the function JAR the scripts deploy, and read the names the scripts must use from the code itself.
 */
class DeployScriptsTest {

    private static final Path REPOSITORY =
            Path.of("").toAbsolutePath().resolve("../..").normalize();
    private static final Path SCRIPTS = REPOSITORY.resolve("deploy/gcp");
    private static final String PROJECT = "matchflow-demo";
    private static final String REGION = "europe-west1";
    private static final String MATCHES_URL = "https://matches-PROJECT_NUMBER.europe-west1.run.app";
    private static final String FUNCTION_ACCOUNT = "cleanup-function-run@matchflow-demo.iam.gserviceaccount.com";
    private static final String PUBSUB_AGENT = "service-PROJECT_NUMBER@gcp-sa-pubsub.iam.gserviceaccount.com";

    @TempDir
    Path shims;

    @BeforeEach
    void shimsThatRecordEveryCall() throws IOException {
        for (String tool : List.of("gcloud", "mvn", "docker")) {
            Path shim = shims.resolve(tool);
            Files.writeString(shim, "#!/bin/sh\necho \"" + tool + " $*\" >> \"" + calls() + "\"\nexit 97\n");
            assertThat(shim.toFile().setExecutable(true)).isTrue();
        }
    }

    @Test
    void aDryRunRunsNothingAndPrintsEveryStep() {
        Run deploy = deploy("--dry-run");

        assertThat(deploy.status()).as(deploy.output()).isZero();
        assertThat(calls()).as("commands a dry run ran").doesNotExist();
        assertThat(deploy.output())
                .contains(
                        "# APIs",
                        "# service accounts",
                        "# Cloud SQL and secrets",
                        "# Pub/Sub topics",
                        "# Cloud Run services",
                        "# the cleanup function",
                        "# the trigger subscription's policies");
    }

    @Test
    void dryRunCanAlsoBeAskedForWithTheEnvironment() {
        Run deploy = run("deploy.sh", Map.of("PROJECT_ID", PROJECT, "REGION", REGION, "DRY_RUN", "1"));

        assertThat(deploy.status()).as(deploy.output()).isZero();
        assertThat(calls()).doesNotExist();
    }

    @Test
    void theTopicAndTheDeadLetterTopicWithItsSubscriptionAreCreated() {
        List<String> commands = deploy("--dry-run").commands();

        assertThat(commands)
                .contains(
                        "gcloud pubsub topics create user_left_pool --project=matchflow-demo",
                        "gcloud pubsub topics create user_left_pool-dead-letter --project=matchflow-demo")
                .anySatisfy(command -> assertThat(command)
                        .startsWith("gcloud pubsub subscriptions create user_left_pool-dead-letter-inspection ")
                        .contains("--topic=user_left_pool-dead-letter"));
    }

    @Test
    void theTriggerSubscriptionGetsTheRetryAndDeadLetterPoliciesOfTheDesign() {
        List<String> commands = deploy("--dry-run").commands();

        assertThat(command(commands, "gcloud pubsub subscriptions update "))
                .contains(
                        "--ack-deadline=60",
                        "--min-retry-delay=10s",
                        "--max-retry-delay=600s",
                        "--dead-letter-topic=user_left_pool-dead-letter",
                        "--max-delivery-attempts=5");
        assertThat(commands)
                .as("the subscription is the one the function's Eventarc trigger made")
                .contains("gcloud functions describe cleanup-function --gen2 --region=europe-west1"
                        + " '--format=value(eventTrigger.trigger)' --project=matchflow-demo")
                .anySatisfy(command -> assertThat(command)
                        .startsWith("gcloud eventarc triggers describe ")
                        .contains("transport.pubsub.subscription"));
    }

    @Test
    void thePubSubServiceAgentMayMoveDeadLetters() {
        List<String> commands = deploy("--dry-run").commands();

        assertThat(commands)
                .anySatisfy(command -> assertThat(command)
                        .startsWith("gcloud pubsub topics add-iam-policy-binding user_left_pool-dead-letter ")
                        .contains("--member=serviceAccount:" + PUBSUB_AGENT, "--role=roles/pubsub.publisher"))
                .anySatisfy(command -> assertThat(command)
                        .startsWith("gcloud pubsub subscriptions add-iam-policy-binding TRIGGER_SUBSCRIPTION ")
                        .contains("--member=serviceAccount:" + PUBSUB_AGENT, "--role=roles/pubsub.subscriber"));
    }

    @Test
    void theFunctionIsDeployedToGen2OnJava17WithRetriesOnTheTopicAndGoogleAuth() {
        List<String> commands = deploy("--dry-run").commands();

        assertThat(command(commands, "gcloud functions deploy cleanup-function "))
                .contains(
                        " --gen2 ",
                        " --runtime=java17 ",
                        " --retry ",
                        " --trigger-topic=user_left_pool ",
                        " --entry-point=" + CleanupFunction.class.getName() + " ",
                        " --source=" + REPOSITORY.resolve("deploy/images/target/function") + " ",
                        " --service-account=" + FUNCTION_ACCOUNT + " ",
                        CleanupSettings.MATCHES_SERVICE_URL + "=" + MATCHES_URL,
                        InternalAuth.VARIABLE + "=" + InternalAuth.GOOGLE.setting());
    }

    @Test
    void theThreeServicesAreDeployedToCloudRunWithTheirDatabaseAndSettings() {
        List<String> commands = deploy("--dry-run").commands();

        for (String service : List.of("pools", "matches", "user-match")) {
            assertThat(command(commands, "gcloud run deploy " + service + " "))
                    .contains(
                            "--image=europe-west1-docker.pkg.dev/matchflow-demo/matchflow/" + service + ":",
                            "--service-account=" + service + "-run@matchflow-demo.iam.gserviceaccount.com",
                            "--add-cloudsql-instances=matchflow-demo:europe-west1:matchflow-mysql",
                            "--set-secrets=DATABASE_PASSWORD=" + service + "-db-password:latest",
                            "DATABASE_USER=" + service,
                            "DATABASE_URL=jdbc:mariadb://localhost/matchflow"
                                    + "?localSocket=/cloudsql/matchflow-demo:europe-west1:matchflow-mysql");
        }
        assertThat(command(commands, "gcloud run deploy user-match "))
                .contains(
                        "POOLS_SERVICE_URL=https://pools-PROJECT_NUMBER.europe-west1.run.app",
                        "GCP_PROJECT_ID=matchflow-demo",
                        "PUBSUB_TOPIC=user_left_pool",
                        "ENABLE_EVENT_PUBLISHING=true");
    }

    @Test
    void matchesIsPrivateAndChecksTheFunctionsIdTokens() {
        String matches = command(deploy("--dry-run").commands(), "gcloud run deploy matches ");

        assertThat(matches)
                .contains(
                        " --no-allow-unauthenticated ",
                        InternalAuth.VARIABLE + "=" + InternalAuth.GOOGLE.setting(),
                        InternalTokenVerifiers.INTERNAL_CALLER + "=" + FUNCTION_ACCOUNT,
                        CleanupSettings.MATCHES_SERVICE_URL + "=" + MATCHES_URL,
                        "POOLS_SERVICE_URL=https://pools-PROJECT_NUMBER.europe-west1.run.app")
                .doesNotContain("--allow-unauthenticated");
    }

    @Test
    void theFunctionsAccountMayInvokeMatchesAndNothingElse() {
        List<String> commands = deploy("--dry-run").commands();

        List<String> grantsToTheFunction = commands.stream()
                .filter(command -> command.contains("add-iam-policy-binding"))
                .filter(command -> command.contains("--member=serviceAccount:" + FUNCTION_ACCOUNT))
                .toList();
        assertThat(grantsToTheFunction)
                .singleElement()
                .satisfies(grant -> assertThat(grant)
                        .startsWith("gcloud run services add-iam-policy-binding matches ")
                        .contains("--role=roles/run.invoker"));
    }

    @Test
    void eachServiceMayReadItsOwnDatabaseSecretOnly() {
        List<String> commands = deploy("--dry-run").commands();

        for (String service : List.of("pools", "matches", "user-match")) {
            assertThat(commands)
                    .contains("gcloud secrets create " + service + "-db-password --replication-policy=automatic"
                            + " --data-file=- --project=matchflow-demo < ***")
                    .filteredOn(command -> command.contains("roles/secretmanager.secretAccessor"))
                    .filteredOn(command -> command.contains("serviceAccount:" + service + "-run@"))
                    .singleElement()
                    .asString()
                    .startsWith("gcloud secrets add-iam-policy-binding " + service + "-db-password ");
        }
    }

    @Test
    void theServicesGetTheDatabaseClientRoleAndTheirOwnRolesOnly() {
        List<String> commands = deploy("--dry-run").commands();

        assertThat(rolesOf(commands, "pools-run@"))
                .containsExactlyInAnyOrder("roles/cloudsql.client", "roles/secretmanager.secretAccessor");
        assertThat(rolesOf(commands, "matches-run@"))
                .containsExactlyInAnyOrder("roles/cloudsql.client", "roles/secretmanager.secretAccessor");
        assertThat(rolesOf(commands, "user-match-run@"))
                .containsExactlyInAnyOrder(
                        "roles/cloudsql.client", "roles/secretmanager.secretAccessor", "roles/pubsub.publisher");
    }

    @Test
    void userMatchMayPublishToTheTopicOnly() {
        List<String> commands = deploy("--dry-run").commands();

        assertThat(commands)
                .filteredOn(command -> command.contains("roles/pubsub.publisher"))
                .filteredOn(command -> command.contains("user-match-run@"))
                .singleElement()
                .asString()
                .startsWith("gcloud pubsub topics add-iam-policy-binding user_left_pool ");
    }

    @Test
    void cloudSqlForMySql8HoldsTheDatabaseAndOneUserPerServiceWithoutShowingPasswords() {
        List<String> commands = deploy("--dry-run").commands();

        assertThat(command(commands, "gcloud sql instances create matchflow-mysql "))
                .contains("--database-version=MYSQL_8_0", "--region=europe-west1");
        assertThat(commands)
                .contains("gcloud sql databases create matchflow --instance=matchflow-mysql"
                        + " --project=matchflow-demo");
        for (String service : List.of("pools", "matches", "user-match")) {
            assertThat(command(commands, "gcloud sql users create " + service + " "))
                    .contains("--password=*** ");
        }
    }

    @Test
    void stepsRunInAnOrderWhereEachFindsWhatItNeeds() {
        List<String> commands = deploy("--dry-run").commands();

        assertThat(indexOf(commands, "gcloud services enable "))
                .isLessThan(indexOf(commands, "gcloud iam service-accounts create "));
        assertThat(indexOf(commands, "gcloud sql users create "))
                .isLessThan(indexOf(commands, "gcloud run deploy pools "));
        assertThat(indexOf(commands, "mvn -B -f " + REPOSITORY.resolve("pom.xml") + " -Pimages"))
                .isLessThan(indexOf(commands, "gcloud run deploy pools "));
        assertThat(indexOf(commands, "gcloud pubsub topics create user_left_pool "))
                .isLessThan(indexOf(commands, "gcloud functions deploy "));
        assertThat(indexOf(commands, "gcloud functions deploy "))
                .isLessThan(indexOf(commands, "gcloud pubsub subscriptions update "));
    }

    @Test
    void aRunAgainstAnEmptyProjectRunsWhatTheDryRunPrintsAndKeepsPasswordsOutOfTheOutput() throws IOException {
        givenToolsOfAnEmptyProject();

        Run deploy = deploy();

        assertThat(deploy.status()).as(deploy.output()).isZero();
        String password = Files.readString(shims.resolve("secret-matches-db-password"));
        assertThat(password).as("the secret as stored, without a newline").matches("[0-9a-f]{48}");
        List<String> ran = Files.readAllLines(calls());
        assertThat(ran)
                .contains("gcloud sql users create matches --instance=matchflow-mysql --host=% --password=" + password
                        + " --project=matchflow-demo")
                .contains("gcloud eventarc triggers describe cleanup-function-714191 --location=europe-west1"
                        + " --format=value(transport.pubsub.subscription) --project=matchflow-demo");
        assertThat(deploy.output()).doesNotContain(password);
        assertThat(ran.stream().map(DeployScriptsTest::withPasswordsHidden).toList())
                .as("what ran, in order, is what was printed")
                .containsExactlyElementsOf(deploy.commands().stream()
                        .map(DeployScriptsTest::unquoted)
                        .toList());
        assertThat(command(deploy.commands(), "gcloud pubsub subscriptions update "))
                .startsWith("gcloud pubsub subscriptions update projects/matchflow-demo/subscriptions/"
                        + "eventarc-europe-west1-cleanup-function-714191-sub-007 ");
        assertThat(command(deploy.commands(), "gcloud functions deploy "))
                .contains("MATCHES_SERVICE_URL=https://matches-123456789012.europe-west1.run.app");
    }

    @Test
    void withoutAProjectTheScriptsStopSayingWhatToSet() {
        Run deploy = run("deploy.sh", Map.of("REGION", REGION), "--dry-run");
        Run teardown = run("teardown.sh", Map.of("REGION", REGION), "--dry-run");

        assertThat(deploy.status()).isEqualTo(2);
        assertThat(deploy.output()).contains("error: PROJECT_ID is not set; set it to the Google Cloud project");
        assertThat(teardown.status()).isEqualTo(2);
        assertThat(calls()).doesNotExist();
    }

    @Test
    void withoutARegionTheScriptsStopSayingWhatToSet() {
        Run deploy = run("deploy.sh", Map.of("PROJECT_ID", PROJECT), "--dry-run");

        assertThat(deploy.status()).isEqualTo(2);
        assertThat(deploy.output()).contains("error: REGION is not set");
    }

    @Test
    void anUnknownOptionIsRefusedBeforeAnythingRuns() {
        Run deploy = run("deploy.sh", Map.of("PROJECT_ID", PROJECT, "REGION", REGION), "--dryrun");

        assertThat(deploy.status()).isEqualTo(2);
        assertThat(deploy.output()).contains("unknown option '--dryrun'");
        assertThat(calls()).doesNotExist();
    }

    @Test
    void teardownDeletesWhatDeployMade() {
        Run teardown = run("teardown.sh", Map.of("PROJECT_ID", PROJECT, "REGION", REGION), "--dry-run");

        assertThat(teardown.status()).as(teardown.output()).isZero();
        assertThat(calls()).doesNotExist();
        assertThat(teardown.commands())
                .contains(
                        "gcloud functions delete cleanup-function --gen2 --region=europe-west1 --quiet"
                                + " --project=matchflow-demo",
                        "gcloud run services delete matches --region=europe-west1 --quiet --project=matchflow-demo",
                        "gcloud pubsub topics delete user_left_pool --quiet --project=matchflow-demo",
                        "gcloud pubsub topics delete user_left_pool-dead-letter --quiet --project=matchflow-demo",
                        "gcloud sql instances delete matchflow-mysql --quiet --project=matchflow-demo",
                        "gcloud secrets delete matches-db-password --quiet --project=matchflow-demo",
                        "gcloud iam service-accounts delete " + FUNCTION_ACCOUNT + " --quiet --project=matchflow-demo");
    }

    @Test
    void theScriptsAreShellcheckClean() throws Exception {
        Optional<Path> shellcheck = onPath("shellcheck");
        assumeTrue(
                shellcheck.isPresent(),
                "shellcheck is not on the PATH, so the scripts were not checked; install it (apt-get install shellcheck)");
        List<String> command = new ArrayList<>(List.of(shellcheck.get().toString(), "-x"));
        try (Stream<Path> scripts = Files.walk(SCRIPTS)) {
            scripts.filter(path -> path.toString().endsWith(".sh"))
                    .map(Path::toString)
                    .forEach(command::add);
        }

        Run check = execute(new ProcessBuilder(command).directory(REPOSITORY.toFile()));

        assertThat(check.status()).as(check.output()).isZero();
    }

    /**
     * A gcloud for a project where nothing exists yet: every describe fails, except the three that name what Google
     * made (the project number, the function's trigger and the trigger's subscription); secrets are kept in files.
     */
    private void givenToolsOfAnEmptyProject() throws IOException {
        Files.writeString(
                shims.resolve("gcloud"),
                String.join(
                        "\n",
                        "#!/bin/sh",
                        "echo \"gcloud $*\" >> \"" + calls() + "\"",
                        "case \"$*\" in",
                        "  'projects describe '*) echo 123456789012 ;;",
                        "  'functions describe '*) echo projects/matchflow-demo/locations/europe-west1/triggers/"
                                + "cleanup-function-714191 ;;",
                        "  'eventarc triggers describe '*) echo projects/matchflow-demo/subscriptions/"
                                + "eventarc-europe-west1-cleanup-function-714191-sub-007 ;;",
                        "  *' describe '*) exit 1 ;;",
                        "  'secrets create '*) cat > \"" + shims + "/secret-$3\" ;;",
                        "esac",
                        ""));
        Files.writeString(shims.resolve("mvn"), "#!/bin/sh\necho \"mvn $*\" >> \"" + calls() + "\"\n");
    }

    private Run deploy(String... options) {
        return run("deploy.sh", Map.of("PROJECT_ID", PROJECT, "REGION", REGION), options);
    }

    private Run run(String script, Map<String, String> settings, String... options) {
        List<String> command =
                new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(options));
        ProcessBuilder process = new ProcessBuilder(command).directory(shims.toFile());
        Map<String, String> environment = process.environment();
        environment.clear();
        environment.put("PATH", shims + File.pathSeparator + "/usr/bin:/bin");
        environment.put("HOME", shims.toString());
        environment.putAll(settings);
        return execute(process);
    }

    private static Run execute(ProcessBuilder process) {
        try {
            Process running = process.redirectErrorStream(true).start();
            String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!running.waitFor(60, TimeUnit.SECONDS)) {
                running.destroyForcibly();
                throw new AssertionError("still running after a minute: " + process.command() + "\n" + output);
            }
            return new Run(running.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("could not run " + process.command() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + process.command(), e);
        }
    }

    /** What a script printed and how it ended; its commands are the lines it printed with a leading "+ ". */
    private record Run(int status, String output) {

        List<String> commands() {
            return output.lines()
                    .filter(line -> line.startsWith("+ "))
                    .map(line -> line.substring(2))
                    .toList();
        }
    }

    private Path calls() {
        return shims.resolve("calls.log");
    }

    private static String command(List<String> commands, String start) {
        List<String> matching =
                commands.stream().filter(command -> command.startsWith(start)).toList();
        assertThat(matching).as("commands starting with '" + start + "'").hasSize(1);
        return matching.get(0);
    }

    /** A printed command as the shell passes it on: without the quotes, the existence-check mark and the input. */
    private static String unquoted(String printed) {
        return printed.replace("'", "").replace("  # exists?", "").replace(" < ***", "");
    }

    private static String withPasswordsHidden(String command) {
        return command.replaceAll("--password=\\S+", "--password=***");
    }

    private static int indexOf(List<String> commands, String start) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no command starts with '" + start + "' in\n" + String.join("\n", commands));
    }

    private static List<String> rolesOf(List<String> commands, String account) {
        return commands.stream()
                .filter(command -> command.contains("add-iam-policy-binding"))
                .filter(command -> command.contains("serviceAccount:" + account))
                .map(DeployScriptsTest::role)
                .toList();
    }

    private static String role(String command) {
        int start = command.indexOf("--role=") + "--role=".length();
        int end = command.indexOf(' ', start);
        return end < 0 ? command.substring(start) : command.substring(start, end);
    }

    private static Optional<Path> onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, tool))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
