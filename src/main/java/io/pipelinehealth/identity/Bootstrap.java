package io.pipelinehealth.identity;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    @Inject KeyStore store;
    @Inject KeyVerifier verifier;
    @Inject KeyConfig config;
    @Inject Clock clock;
    @ConfigProperty(name = "pipeline-health.bootstrap-key")
    Optional<String> configuredKey;

    void onStart(@Observes StartupEvent event) {
        if (configuredKey.isPresent()) {
            if (install(TENANT, configuredKey.get())) {
                LOG.info("Installed the configured bootstrap key (roles operator, admin; tenant default)");
            }
        } else if (!store.anyKey()) {
            createFirst(Path.of(config.file()));
        }
    }

    /**
     * The generated first key, made once however many replicas start together on an empty
     * database: each writes its candidate to a side file, then inserts it if absent; the one whose
     * insert wins moves its file into place, the others drop theirs and keep the winner's key
     * (which is in the winner's key file: on a shared volume the same file). The file is written
     * before the insert, so a key can never be in the database without a file that holds it.
     * Answers whether this replica's key became the first key.
     */
    public boolean createFirst(Path file) {
        String key = KeyMaterial.newKey();
        Path candidate = file.resolveSibling(file.getFileName() + ".new");
        write(candidate, key);
        boolean created = QuarkusTransaction.requiringNew()
                .call(() -> store.insertIfAbsent(bootstrapKey(TENANT, key), KeyMaterial.hash(key)));
        try {
            if (created) {
                move(candidate, file);
                LOG.infof("Created the first admin key (roles operator, admin; tenant default) in %s",
                        file.toAbsolutePath());
            } else {
                Files.deleteIfExists(candidate);
                LOG.infof("Another replica created the first admin key at the same time; it is in %s where that "
                        + "replica runs", file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the first admin key in " + file, e);
        }
        return created;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private ApiKey bootstrapKey(String tenant, String key) {
        return new ApiKey(tenant, KEY_ID, "bootstrap", List.of(Roles.OPERATOR, Roles.ADMIN), null,
                KeyMaterial.visiblePrefix(key), clock.instant(), null, null, null);
    }

    /**
     * Makes {@code key} the bootstrap key of {@code tenant} ({@value #TENANT} but in tests, which
     * install keys of their own tenants and leave the one every other test uses alone); idempotent:
     * false when it already was.
     */
    boolean install(String tenant, String key) {
        if (key.length() < MIN_LENGTH) {
            throw new IllegalStateException("PIPELINE_HEALTH_BOOTSTRAP_KEY must be at least " + MIN_LENGTH
                    + " characters; use a random value, for example ph_ and 32 random bytes in base64url");
        }
        ApiKey bootstrap = bootstrapKey(tenant, key);
        boolean changed = QuarkusTransaction.requiringNew().call(() -> store.upsert(bootstrap, KeyMaterial.hash(key)));
        if (changed) {
            verifier.evict(tenant, KEY_ID);
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
