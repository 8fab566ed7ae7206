package dev.matchflow.cli;

import dev.matchflow.http.ServiceCallException;
import dev.matchflow.pubsub.DeadLetterRedrive;
import dev.matchflow.stack.RedriveAnswer;
import dev.matchflow.stack.StackClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./matchflow redrive}: republishes the dead letters of a running stack. */
@Command(
        name = "redrive",
        mixinStandardHelpOptions = true,
        description = {
            "Republishes every dead letter of a running ./matchflow stack to its event topic, once whatever failed"
                    + " their deliveries is fixed, and prints each with the id of its copy.",
            "Exit status: 0 done (also when there was nothing to redrive), 1 no stack answered or the redrive failed,"
                    + " 2 wrong usage."
        })
final class RedriveCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RedriveCommand.class);

    /** The stack's redrive endpoint needs no token, and this command calls no internal endpoint of Matches. */
    private static final String NO_TOKEN = "";

    @Spec
    private CommandSpec spec;

    @Mixin
    private EndpointsFileOption running;

    @Override
    public Integer call() {
        try {
            RedriveAnswer answer = StackClient.of(running.endpoints(), NO_TOKEN).redriveDeadLetters();
            print(answer);
            return 0;
        } catch (EndpointsFileOption.NotFound e) {
            return failed(e.getMessage());
        } catch (ServiceCallException e) {
            log.debug("the redrive failed", e);
            return failed(running.explain(e));
        }
    }

    private void print(RedriveAnswer answer) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("redriven " + answer.redriven() + " dead letters");
        for (DeadLetterRedrive.Redriven copy : answer.messages()) {
            out.println("  dead letter " + copy.deadLetterId() + " published again as message " + copy.messageId());
        }
        out.flush();
    }

    private int failed(String message) {
        spec.commandLine().getErr().println("redrive: " + message);
        return 1;
    }
}
