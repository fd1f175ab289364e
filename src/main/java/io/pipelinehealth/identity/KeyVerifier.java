package io.pipelinehealth.identity;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Turns a presented key into its stored {@link ApiKey}. Verified keys are cached by hash for at
 * most {@link KeyConfig#cacheTtl()} (10 s at most), so a request costs a hash and a map lookup; a
 * revocation clears this replica's entry at once and reaches the others when their entry expires.
 * Expiry is checked against the injected clock on every request, not cached.
 */
@ApplicationScoped
public class KeyVerifier {

    private static final Logger LOG = Logger.getLogger(KeyVerifier.class);
    static final Duration MAX_TTL = Duration.ofSeconds(10);

    private record Entry(ApiKey key, long loadedNanos) {
    }

    private final KeyStore store;
    private final Clock clock;
    private final long ttlNanos;
    private final long lastUsedNanos;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    /** When this replica last wrote lastUsedAt of a key (by key id), in System.nanoTime. */
    private final Map<String, Long> lastWritten = new ConcurrentHashMap<>();
    /** lastUsedAt writes happen off the request thread, one at a time. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "api-key-last-used");
        thread.setDaemon(true);
        return thread;
    });

    KeyVerifier(KeyStore store, Clock clock, KeyConfig config) {
        this.store = store;
        this.clock = clock;
        Duration ttl = config.cacheTtl().compareTo(MAX_TTL) > 0 ? MAX_TTL : config.cacheTtl();
        this.ttlNanos = ttl.toNanos();
        this.lastUsedNanos = config.lastUsedInterval().toNanos();
    }

    /** The cached verification, or null when the database must be asked (blocking). */
    public Optional<ApiKey> cached(String presented) {
        Entry entry = cache.get(KeyMaterial.hash(presented));
        if (entry == null || System.nanoTime() - entry.loadedNanos() > ttlNanos) {
            return null;
        }
        return usable(entry.key());
    }

    /** Verifies against the database and caches the answer (a miss is not cached). */
    public Optional<ApiKey> load(String presented) {
        String hash = KeyMaterial.hash(presented);
        Optional<ApiKey> key = store.findByHash(hash);
        key.ifPresentOrElse(k -> cache.put(hash, new Entry(k, System.nanoTime())), () -> cache.remove(hash));
        return usable(key.orElse(null));
    }

    /** Forgets every cached entry of a key, so its revocation takes effect on the next request here. */
    public void evict(String tenantId, String keyId) {
        cache.values().removeIf(e -> e.key().tenantId().equals(tenantId) && e.key().id().equals(keyId));
    }

    private Optional<ApiKey> usable(ApiKey key) {
        Instant now = clock.instant();
        if (key == null || !key.usableAt(now)) {
            return Optional.empty();
        }
        touch(key, now);
        return Optional.of(key);
    }

    /** Coarse lastUsedAt: at most one write per key and interval, queued so the request never waits. */
    private void touch(ApiKey key, Instant now) {
        long nanos = System.nanoTime();
        String id = key.tenantId() + "/" + key.id();
        Long previous = lastWritten.get(id);
        if (previous != null && nanos - previous < lastUsedNanos) {
            return;
        }
        if (previous == null ? lastWritten.putIfAbsent(id, nanos) != null : !lastWritten.replace(id, previous, nanos)) {
            return; // another request of this key is writing it
        }
        writer.execute(() -> {
            try {
                store.touch(key.tenantId(), key.id(), now);
            } catch (RuntimeException e) {
                LOG.warnf("Could not record lastUsedAt of key %s: %s", key.id(), e.getMessage());
            }
        });
    }
}
