package routes.move;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Counts a job's attempts as the error handler redelivers a failed step, so its dead letter says
 *  how often the job was tried. */
public final class AttemptCounter implements Processor {

    public static final String ATTEMPTS = "dimAttempts";

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(ATTEMPTS, exchange.getProperty(ATTEMPTS, 1, Integer.class) + 1);
    }
}
