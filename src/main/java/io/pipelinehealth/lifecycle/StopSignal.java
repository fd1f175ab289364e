package io.pipelinehealth.lifecycle;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import sun.misc.Signal;

/**
 * SIGTERM is the normal way an orchestrator stops the service, not a failure: it runs the same
 * graceful stop as before (drain delay, in-flight requests, background work; see
 * application.properties) and the process exits 0, where the JVM's own handling exits 143 and
 * makes every rolling deploy look like a crash. Only in the packaged service, not in tests.
 */
@ApplicationScoped
public class StopSignal {

    private static final Logger LOG = Logger.getLogger(StopSignal.class);

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        try {
            Signal.handle(new Signal("TERM"), signal -> {
                LOG.info("SIGTERM: stopping gracefully");
                Quarkus.asyncExit(0);
            });
        } catch (IllegalArgumentException unsupported) {
            LOG.debugf("SIGTERM cannot be handled here (%s); the JVM's default applies", unsupported.getMessage());
        }
    }
}
