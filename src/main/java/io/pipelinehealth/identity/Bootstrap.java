package io.pipelinehealth.identity;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The first key. With {@code PIPELINE_HEALTH_BOOTSTRAP_KEY} set, that key is the operator + admin
 * key {@value #KEY_ID} of tenant {@code default} at every start (a changed value replaces it).
 * Without it, the first start of an empty installation makes one and writes it to
 * {@link KeyConfig#file()} with mode 0600; the log names the file, never the key.
 */
@ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class);
    /** The bootstrap key's tenant: the operators' own, made by V4. */
    public static final String TENANT = "default";
    static final String KEY_ID = "bootstrap";
    static final int MIN_LENGTH = 24;

    private final KeyStore store;
    private final KeyVerifier verifier;
    private final KeyConfig config;
    private final Clock clock;
    private final Optional<String> configuredKey;

    Bootstrap(KeyStore store, KeyVerifier verifier, KeyConfig config, Clock clock,
            @ConfigProperty(name = "pipeline-health.bootstrap-key") Optional<String> configuredKey) {
        this.store = store;
        this.verifier = verifier;
        this.config = config;
        this.clock = clock;
        this.configuredKey = configuredKey;
    }

    void onStart(@Observes StartupEvent event) {
        if (configuredKey.isPresent()) {
            if (install(configuredKey.get())) {
                LOG.info("Installed the configured bootstrap key (roles operator, admin; tenant default)");
            }
        } else if (!store.anyKey()) {
            String key = KeyMaterial.newKey();
            write(Path.of(config.file()), key);
            install(key);
            LOG.infof("Created the first admin key (roles operator, admin; tenant default) in %s",
                    Path.of(config.file()).toAbsolutePath());
        }
    }

    /** Makes {@code key} the bootstrap key; idempotent: false when it already was. */
    public boolean install(String key) {
        if (key.length() < MIN_LENGTH) {
            throw new IllegalStateException("PIPELINE_HEALTH_BOOTSTRAP_KEY must be at least " + MIN_LENGTH
                    + " characters; use a random value, for example ph_ and 32 random bytes in base64url");
        }
        ApiKey bootstrap = new ApiKey(TENANT, KEY_ID, "bootstrap",
                List.of(Roles.OPERATOR, Roles.ADMIN), null, KeyMaterial.visiblePrefix(key), clock.instant(), null,
                null, null);
        boolean changed = QuarkusTransaction.requiringNew().call(() -> store.upsert(bootstrap, KeyMaterial.hash(key)));
        if (changed) {
            verifier.evict(TENANT, KEY_ID);
        }
        return changed;
    }

    static void write(Path file, String key) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system
            }
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the first admin key to " + file, e);
        }
    }
}
