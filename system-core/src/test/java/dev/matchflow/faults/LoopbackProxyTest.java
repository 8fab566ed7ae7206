package dev.matchflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay in front of a part: bytes pass both ways, and once it refuses, the port refuses at once. */
class LoopbackProxyTest {

    private static final int SWITCHES = 200;

    private EchoServer echo;
    private LoopbackProxy proxy;

    @BeforeEach
    void startEchoBehindProxy() throws IOException {
        echo = new EchoServer();
        proxy = LoopbackProxy.start("echo", echo.port(), () -> Duration.ZERO);
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void bytesPassBothWays() throws IOException {
        assertThat(roundTrip("ping")).isEqualTo("ping");
    }

    @Test
    void everyRefusalRefusesTheNextConnectionAndEveryResumptionAcceptsIt() throws IOException {
        for (int i = 0; i < SWITCHES; i++) {
            proxy.refuse();

            assertThatThrownBy(this::connect)
                    .as("a connection right after refusal number %d", i + 1)
                    .isInstanceOf(ConnectException.class);

            proxy.resume();

            assertThat(roundTrip("after " + i)).isEqualTo("after " + i);
        }
    }

    private String roundTrip(String text) throws IOException {
        try (Socket socket = connect()) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(text.getBytes());
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes());
        }
    }

    private Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    }

    /** Sends back what each connection sends, until it ends its side. */
    private static final class EchoServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        EchoServer() throws IOException {
            Thread acceptor = new Thread(this::serve, "echo-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept();
                        InputStream in = connection.getInputStream();
                        OutputStream out = connection.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException connectionEnded) {
                    // The caller's side of the test says what it expected of this connection.
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
