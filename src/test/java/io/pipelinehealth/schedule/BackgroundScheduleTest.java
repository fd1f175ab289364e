package io.pipelinehealth.schedule;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The test profile sets the webhook dispatch to 1 s, leaves the summary compaction at its default
 * and turns the scan, the derivation backlog and the tombstone pruning "off" (tests drive those
 * rounds themselves): the schedule holds exactly the first two.
 */
@QuarkusTest
class BackgroundScheduleTest {

    @Inject Scheduler scheduler;

    @Test
    void jobsWithAnIntervalAreScheduledAndThoseSetOffAreNot() {
        assertNotNull(scheduler.getScheduledJob("webhook-dispatch"));
        assertNotNull(scheduler.getScheduledJob("summary-compaction"));
        assertNull(scheduler.getScheduledJob("frozen-scan"));
        assertNull(scheduler.getScheduledJob("derive-pending"));
        assertNull(scheduler.getScheduledJob("tombstone-prune"));
    }
}
