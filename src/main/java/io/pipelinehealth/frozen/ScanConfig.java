package io.pipelinehealth.frozen;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of the frozen-deal scan (env PIPELINE_HEALTH_SCAN_...). */
@ConfigMapping(prefix = "pipeline-health.scan")
public interface ScanConfig {

    /** How often the scan runs; "off" disables it. */
    @WithDefault("60s")
    String interval();

    /** Frozen visits handled per transaction. */
    @WithDefault("500")
    int batchSize();
}
