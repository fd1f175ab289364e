package io.pipelinehealth.db;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.nio.file.Path;

/**
 * Settings of the embedded database, read while configuration is being built (so not a
 * {@code @ConfigMapping}). Each can be set as a property or as the matching environment variable:
 * <ul>
 * <li>{@code pipeline-health.embedded-db.enabled} ({@code PIPELINE_HEALTH_EMBEDDED_DB_ENABLED}),
 * default true: start an embedded server when no JDBC URL is configured;</li>
 * <li>{@code pipeline-health.embedded-db.dir} ({@code PIPELINE_HEALTH_EMBEDDED_DB_DIR}), default
 * {@code data/postgres}, relative to the working directory;</li>
 * <li>{@code pipeline-health.embedded-db.port} ({@code PIPELINE_HEALTH_EMBEDDED_DB_PORT}), default 0:
 * a free port;</li>
 * <li>{@code pipeline-health.embedded-db.ephemeral}, default false, true in {@code %test}: a fresh
 * temporary directory deleted at stop.</li>
 * </ul>
 */
record EmbeddedDbSettings(boolean enabled, Path dataDir, int port, boolean ephemeral) {

    static final String PREFIX = "pipeline-health.embedded-db.";

    static EmbeddedDbSettings from(ConfigSourceContext context) {
        return new EmbeddedDbSettings(
                Boolean.parseBoolean(value(context, "enabled", "true")),
                Path.of(value(context, "dir", "data/postgres")),
                Integer.parseInt(value(context, "port", "0")),
                Boolean.parseBoolean(value(context, "ephemeral", "false")));
    }

    private static String value(ConfigSourceContext context, String name, String defaultValue) {
        ConfigValue value = context.getValue(PREFIX + name);
        return value == null || value.getValue() == null || value.getValue().isBlank()
                ? defaultValue
                : value.getValue().trim();
    }
}
