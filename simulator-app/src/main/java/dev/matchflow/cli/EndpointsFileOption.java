package dev.matchflow.cli;

import dev.matchflow.http.ServiceCallException;
import dev.matchflow.stack.StackEndpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The option of commands that act on a {@code ./matchflow stack} running in another process: the endpoints file that
 * stack wrote, which says where its parts listen.
 */
final class EndpointsFileOption {

    @Option(
            names = "--endpoints-file",
            paramLabel = "FILE",
            required = true,
            description = "The file a running ./matchflow stack --endpoints-file FILE wrote.")
    private Path endpointsFile;

    /**
     * Where the running stack's parts listen.
     *
     * @throws NotFound when there is no endpoints file, or it is not one, saying what to do
     */
    StackEndpoints endpoints() {
        try {
            return StackEndpoints.fromJson(Files.readString(endpointsFile, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new NotFound("no stack endpoints file at " + endpointsFile.toAbsolutePath()
                    + "; start one with ./matchflow stack --endpoints-file " + endpointsFile
                    + " (the file is removed when that stack stops)");
        } catch (IOException | IllegalArgumentException e) {
            throw new NotFound("cannot read the stack endpoints file " + endpointsFile.toAbsolutePath() + ": "
                    + e.getMessage() + "; pass the file ./matchflow stack --endpoints-file wrote");
        }
    }

    /** The error of a call to a stack that did not answer, or answered badly, with what to check. */
    String explain(ServiceCallException e) {
        if (e.status() == ServiceCallException.NO_ANSWER) {
            return "no stack answers at the address in " + endpointsFile + " (" + e.getMessage()
                    + "); the stack that wrote it has stopped or is not reachable: start ./matchflow stack"
                    + " --endpoints-file " + endpointsFile + " again";
        }
        return e.getMessage();
    }

    /** No running stack can be found through the endpoints file. */
    static final class NotFound extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }
}
