package io.pipelinehealth.frozen;

import io.smallrye.config.ConfigMapping;

/**
 * Tunables of the frozen-deal scan (env PIPELINE_HEALTH_SCAN_...). Their defaults are in
 * application.properties, the one place they are written.
 */
@ConfigMapping(prefix = "pipeline-health.scan")
public interface ScanConfig {

    /** How often the scan runs; "off" disables it (schedule.BackgroundSchedule). */
    String interval();

    /** Frozen visits handled per transaction. */
    int batchSize();
}
