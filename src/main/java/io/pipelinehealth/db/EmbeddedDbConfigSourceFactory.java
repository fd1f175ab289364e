package io.pipelinehealth.db;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.util.List;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Makes an embedded PostgreSQL the default database. When {@code quarkus.datasource.jdbc.url} is
 * set anywhere (environment, system property, application.properties, any profile) this adds
 * nothing and that server is used. Otherwise it adds {@link EmbeddedDbConfigSource}, which starts
 * the embedded server on the first lookup of the datasource URL, username or password.
 *
 * <p>Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public class EmbeddedDbConfigSourceFactory implements ConfigSourceFactory {

    static final String URL = "quarkus.datasource.jdbc.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() == ExecutionMode.UNSET) {
            return List.of(); // build time (mvn package, dev-mode augmentation): never start anything
        }
        ConfigValue url = context.getValue(URL);
        if (url != null && url.getValue() != null && !url.getValue().isBlank()) {
            return List.of();
        }
        EmbeddedDbSettings settings = EmbeddedDbSettings.from(context);
        if (!settings.enabled()) {
            throw new IllegalStateException("No database configured: set QUARKUS_DATASOURCE_JDBC_URL, "
                    + "QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD "
                    + "(the embedded PostgreSQL is disabled by PIPELINE_HEALTH_EMBEDDED_DB_ENABLED=false)");
        }
        return List.of(new EmbeddedDbConfigSource(settings));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(EmbeddedDbConfigSource.ORDINAL);
    }
}
