package io.pipelinehealth.feed;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** Tunables of the visit feed (env PIPELINE_HEALTH_FEED_...); defaults in application.properties. */
@ConfigMapping(prefix = "pipeline-health.feed")
public interface FeedConfig {

    /**
     * How long a tombstone (a deleted visit) is kept for incremental pulls. An incremental pull
     * from a changeCursor older than a pruned tombstone answers 410 Gone: do a full pull.
     */
    Duration tombstoneRetention();

    /** How often {@link TombstonePruner} runs; "off" disables it (schedule.BackgroundSchedule). */
    String pruneInterval();
}
