package dev.matchflow.containers;

import dev.matchflow.db.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.gcloud.PubSubEmulatorContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.mysql.MySQLContainer;

/**
 * What the parts of a {@link ContainerStack} share and what is slow to start: a Docker network, MySQL and Google's
 * Pub/Sub emulator. Several stacks may run on one platform, one after the other or side by side, each in a database
 * of its own ({@link #createDatabase()}) and best in a Pub/Sub project of its own.
 *
 * <p>In the network MySQL is {@value #DATABASE_HOST}:3306 and the emulator {@value #EMULATOR_HOST}:8085.
 */
public final class ContainerPlatform implements AutoCloseable {

    static final String DATABASE_HOST = "mysql";
    static final String EMULATOR_HOST = "pubsub";

    private static final Logger log = LoggerFactory.getLogger(ContainerPlatform.class);
    private static final int MYSQL_PORT = 3306;
    private static final int EMULATOR_PORT = 8085;
    private static final String ROOT = "root";
    private static final String URL_PARAMETERS = "?useSSL=false&allowPublicKeyRetrieval=true";

    private final ContainerImages images;
    private final Network network;
    private final MySQLContainer mysql;
    private final PubSubEmulatorContainer emulator;

    private ContainerPlatform(
            ContainerImages images, Network network, MySQLContainer mysql, PubSubEmulatorContainer emulator) {
        this.images = images;
        this.network = network;
        this.mysql = mysql;
        this.emulator = emulator;
    }

    /**
     * Starts MySQL and the emulator on a new network and returns once both answer.
     *
     * @throws IllegalStateException when Docker is not available, saying why, or a container does not start
     */
    public static ContainerPlatform start(ContainerImages images) {
        DockerEngine.whyUnavailable().ifPresent(reason -> {
            throw new IllegalStateException("containers cannot run: " + reason);
        });
        Network network = Network.newNetwork();
        MySQLContainer mysql = new MySQLContainer(images.mysql())
                .withNetwork(network)
                .withNetworkAliases(DATABASE_HOST)
                .withUsername(ROOT)
                .withPassword(UUID.randomUUID().toString());
        PubSubEmulatorContainer emulator = new PubSubEmulatorContainer(images.pubsubEmulator())
                .withNetwork(network)
                .withNetworkAliases(EMULATOR_HOST);
        ContainerPlatform platform = new ContainerPlatform(images, network, mysql, emulator);
        try {
            Startables.deepStart(mysql, emulator).join();
        } catch (RuntimeException e) {
            platform.close();
            throw new IllegalStateException(
                    "MySQL (" + images.mysql() + ") or Google's emulator (" + images.pubsubEmulator()
                            + ") did not start: " + e.getMessage(),
                    e);
        }
        log.info(
                "container platform ready: MySQL {} at {}, Pub/Sub emulator {} at {}",
                images.mysql(),
                mysql.getJdbcUrl(),
                images.pubsubEmulator(),
                emulator.getEmulatorEndpoint());
        return platform;
    }

    /** The images it runs and the stacks on it run. */
    public ContainerImages images() {
        return images;
    }

    /** The network every part joins. */
    public Network network() {
        return network;
    }

    /** A new empty database with a random name, in which a stack's services make their tables. */
    public String createDatabase() {
        String name = "mf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        return name;
    }

    /** Removes a database {@link #createDatabase()} made, with everything in it. */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name);
    }

    /** How a container on the network reaches {@code database}: {@code DATABASE_URL}, user, password. */
    public DatabaseSettings databaseInNetwork(String database) {
        return DatabaseSettings.of(
                "jdbc:mysql://" + DATABASE_HOST + ":" + MYSQL_PORT + "/" + database + URL_PARAMETERS,
                ROOT,
                mysql.getPassword());
    }

    /** How this process reaches {@code database}, through the port Docker maps. */
    public DatabaseSettings databaseFromHost(String database) {
        return DatabaseSettings.of(
                "jdbc:mysql://" + mysql.getHost() + ":" + mysql.getMappedPort(MYSQL_PORT) + "/" + database
                        + URL_PARAMETERS,
                ROOT,
                mysql.getPassword());
    }

    /** How a container on the network reaches the emulator, as {@code PUBSUB_EMULATOR_HOST} takes it. */
    public String emulatorInNetwork() {
        return EMULATOR_HOST + ":" + EMULATOR_PORT;
    }

    /** How this process reaches the emulator, {@code host:port}. */
    public String emulatorFromHost() {
        return emulator.getEmulatorEndpoint();
    }

    /** Stops the emulator and MySQL and removes the network. */
    @Override
    public void close() {
        emulator.stop();
        mysql.stop();
        network.close();
    }

    private void execute(String sql) {
        String url = "jdbc:mysql://" + mysql.getHost() + ":" + mysql.getMappedPort(MYSQL_PORT) + "/" + URL_PARAMETERS;
        try (Connection connection = DriverManager.getConnection(url, ROOT, mysql.getPassword());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed on MySQL in its container: " + e.getMessage(), e);
        }
    }
}
