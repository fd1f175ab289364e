package io.pipelinehealth.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Parsed pipeline definitions by (tenant, pipeline id), so a read does not load and parse the
 * definition again. An entry carries the row version it was parsed from ({@link PipelineStore}):
 * <ul>
 * <li>a reader that knows the row's current version (read in the same statement as its data, or
 * under the share lock of ingestion) uses the entry only if the versions match: exact on every
 * replica;</li>
 * <li>a reader that does not know it uses an entry younger than {@code ttl}; a replacement on this
 * replica evicts the entry when it commits, so the next request here sees it, and other replicas
 * see it within {@code ttl} (pipeline-health.pipelines.cache-ttl).</li>
 * </ul>
 * A load that raced with an eviction is not cached: an eviction bumps a generation, and a loader
 * stores its result only if the generation is unchanged since before it read the row.
 */
@ApplicationScoped
class PipelineCache {

    private record Entry(Pipeline pipeline, String version, long loadedNanos) {
    }

    private record Key(String tenantId, String pipelineId) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;

    PipelineCache(@ConfigProperty(name = "pipeline-health.pipelines.cache-ttl") Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** An entry younger than the TTL, else null. */
    Pipeline fresh(String tenantId, String pipelineId) {
        Entry entry = entries.get(new Key(tenantId, pipelineId));
        return entry == null || System.nanoTime() - entry.loadedNanos() > ttlNanos ? null : entry.pipeline();
    }

    /** The entry parsed from exactly this row version, else null. */
    Pipeline ofVersion(String tenantId, String pipelineId, String version) {
        Entry entry = entries.get(new Key(tenantId, pipelineId));
        return entry == null || !entry.version().equals(version) ? null : entry.pipeline();
    }

    /** Where a load starts: pass the answer to {@link #put}. */
    long generation() {
        return generation.get();
    }

    void put(String tenantId, String pipelineId, Pipeline pipeline, String version, long generationBeforeLoad) {
        Key key = new Key(tenantId, pipelineId);
        entries.put(key, new Entry(pipeline, version, System.nanoTime()));
        if (generation.get() != generationBeforeLoad) {
            entries.remove(key); // an eviction ran meanwhile: what we read may be the replaced row
        }
    }

    void evict(String tenantId, String pipelineId) {
        generation.incrementAndGet();
        entries.remove(new Key(tenantId, pipelineId));
    }
}
