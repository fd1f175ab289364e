package io.pipelinehealth.db;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Says which database is in use, and stops the embedded one when Quarkus shuts down. */
@ApplicationScoped
class DatabaseLifecycle {

    private static final Logger LOG = Logger.getLogger(DatabaseLifecycle.class);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    void onStart(@Observes StartupEvent event) {
        LOG.info(EmbeddedPostgresServer.description()
                .orElse("Using external PostgreSQL at " + withoutCredentials(url)));
    }

    // Covers shutdown, dev-mode reloads and the end of each test application. zonky's own
    // shutdown hook is off: it raced this one and stopped PostgreSQL under an open pool.
    void onStop(@Observes ShutdownEvent event) {
        EmbeddedPostgresServer.stop();
    }

    private static String withoutCredentials(String url) {
        return url.replaceAll("(?i)(password|user)=[^&;]*", "$1=***");
    }
}
