package io.pipelinehealth.ui;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * Tunables of the pages' sign-in ({@code pipeline-health.ui.*}, env {@code PIPELINE_HEALTH_UI_*}). Their
 * defaults are in application.properties, the one place they are written.
 */
@ConfigMapping(prefix = "pipeline-health.ui")
public interface UiConfig {

    Session session();

    interface Session {
        /** A session nobody used for this long has ended. */
        Duration idle();

        /** A session ends this long after sign-in, however busy. */
        Duration absolute();
    }
}
