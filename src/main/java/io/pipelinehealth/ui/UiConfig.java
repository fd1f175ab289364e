package io.pipelinehealth.ui;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Tunables of the pages' sign-in ({@code pipeline-health.ui.*}, env {@code PIPELINE_HEALTH_UI_*}). */
@ConfigMapping(prefix = "pipeline-health.ui")
public interface UiConfig {

    Session session();

    interface Session {
        /** A session nobody used for this long has ended. */
        @WithDefault("8h")
        Duration idle();

        /** A session ends this long after sign-in, however busy. */
        @WithDefault("24h")
        Duration absolute();
    }
}
