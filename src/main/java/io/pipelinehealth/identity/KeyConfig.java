package io.pipelinehealth.identity;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** Tunables of API keys ({@code pipeline-health.keys.*}, env {@code PIPELINE_HEALTH_KEYS_*}). */
@ConfigMapping(prefix = "pipeline-health.keys")
public interface KeyConfig {

    /** Where the first start writes the generated admin key when no bootstrap key is configured. */
    String file();

    /**
     * How long a verified key is trusted without asking the database. This bounds how long a
     * revocation takes to reach the other replicas; values above 10 s are cut to 10 s.
     */
    Duration cacheTtl();

    /** lastUsedAt is written at most this often per key (and replica). */
    Duration lastUsedInterval();

    /** Per-key token bucket: requests per second refilled, and the burst a key may spend at once. */
    RateLimit rateLimit();

    interface RateLimit {
        long perSecond();

        long burst();
    }
}
