package io.pipelinehealth.db;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Answers the datasource URL, username and password with those of the embedded server, starting
 * it on the first lookup. Its ordinal is above application.properties (250) and below environment
 * variables (300).
 */
class EmbeddedDbConfigSource implements ConfigSource {

    static final int ORDINAL = 275;
    private static final String USERNAME = "quarkus.datasource.username";
    private static final String PASSWORD = "quarkus.datasource.password";
    // Listed even though values are computed lazily: hidden names make the username lookup
    // fall through to the OS user ("role root does not exist").
    private static final Set<String> NAMES = Set.of(EmbeddedDbConfigSourceFactory.URL, USERNAME, PASSWORD);

    private final EmbeddedDbSettings settings;

    EmbeddedDbConfigSource(EmbeddedDbSettings settings) {
        this.settings = settings;
    }

    @Override
    public Set<String> getPropertyNames() {
        return NAMES;
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                EmbeddedDbConfigSourceFactory.URL, getValue(EmbeddedDbConfigSourceFactory.URL),
                USERNAME, getValue(USERNAME),
                PASSWORD, getValue(PASSWORD));
    }

    @Override
    public String getValue(String propertyName) {
        if (!NAMES.contains(propertyName)) {
            return null;
        }
        String url = EmbeddedPostgresServer.jdbcUrl(settings);
        if (propertyName.equals(EmbeddedDbConfigSourceFactory.URL)) {
            return url;
        }
        // Trust authentication on localhost: any password works; fine for a local default only.
        return EmbeddedPostgresServer.USER;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public String getName() {
        return "EmbeddedPostgreSQL";
    }
}
