package io.pipelinehealth.schedule;

import io.pipelinehealth.feed.FeedConfig;
import io.pipelinehealth.feed.TombstonePruner;
import io.pipelinehealth.frozen.FrozenScanner;
import io.pipelinehealth.frozen.ScanConfig;
import io.pipelinehealth.lifecycle.BackgroundWork;
import io.pipelinehealth.transition.DerivationBacklog;
import io.pipelinehealth.visit.SummaryCompactor;
import io.pipelinehealth.webhook.WebhookConfig;
import io.pipelinehealth.webhook.WebhookDispatcher;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every background job of a replica, in one table: its identity (for {@link Scheduler#pause(String)}),
 * its interval setting ("off" or "disabled" schedules nothing), the name {@link BackgroundWork} logs
 * and backs off under, and the round it runs. Every job skips a tick while its previous round still
 * runs, and goes through {@link BackgroundWork#round}, which stops it with the service. The workers
 * themselves are plain beans whose rounds tests drive directly.
 */
@ApplicationScoped
public class BackgroundSchedule {

    private static final Logger LOG = Logger.getLogger(BackgroundSchedule.class);

    @Inject Scheduler scheduler;
    @Inject BackgroundWork work;
    @Inject DerivationBacklog derivations;
    @Inject WebhookDispatcher webhooks;
    @Inject FrozenScanner frozen;
    @Inject SummaryCompactor summaries;
    @Inject TombstonePruner tombstones;
    @Inject ScanConfig scanConfig;
    @Inject WebhookConfig webhookConfig;
    @Inject FeedConfig feedConfig;

    @ConfigProperty(name = "pipeline-health.ingest.derive-interval") String deriveInterval;
    @ConfigProperty(name = "pipeline-health.summary.compaction-interval") String compactionInterval;

    void schedule(@Observes StartupEvent event) {
        every("derive-pending", deriveInterval, "deriving pending opportunities", derivations::workOff);
        every("webhook-dispatch", webhookConfig.dispatchInterval(), "webhook dispatch", webhooks::dispatch);
        every("frozen-scan", scanConfig.interval(), "frozen scan", frozen::scan);
        every(SummaryCompactor.SCHEDULE, compactionInterval, "summary compaction", summaries::round);
        every("tombstone-prune", feedConfig.pruneInterval(), "tombstone pruning", tombstones::prune);
    }

    private void every(String identity, String interval, String name, IntSupplier round) {
        String value = interval.strip();
        if (value.toLowerCase(Locale.ROOT).matches("off|disabled")) {
            LOG.debugf("%s is off", name);
            return;
        }
        scheduler.newJob(identity)
                .setInterval(value)
                .setConcurrentExecution(ConcurrentExecution.SKIP)
                .setTask(execution -> work.round(name, round::getAsInt))
                .schedule();
    }
}
