package io.pipelinehealth.frozen;

import io.pipelinehealth.lifecycle.BackgroundWork;
import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.TenantDirectory;
import io.pipelinehealth.handoff.HandoffCommand;
import io.pipelinehealth.handoff.HandoffService;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.visit.HandoffDirection;
import io.pipelinehealth.webhook.WebhookEvents;
import io.pipelinehealth.webhook.WebhookOutbox;
import io.pipelinehealth.worktime.OpenVisitTime;
import io.pipelinehealth.worktime.TimeBasis;
import io.pipelinehealth.worktime.WorkCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Finds visits that froze since the last scan: announces each once (opportunity.frozen) and, for
 * pipelines with autoHandoff, hands the deal to nurturing at the scan instant (by "system").
 * It works tenant by tenant (row-level security shows one tenant at a time). One replica scans at
 * a time (advisory lock per transaction); the notice table's key makes a visit announced once
 * whatever happens.
 */
@ApplicationScoped
public class FrozenScanner {

    private static final Logger LOG = Logger.getLogger(FrozenScanner.class);

    @Inject FrozenScanStore store;
    @Inject TenantDirectory tenants;
    @Inject HandoffService handoffs;
    @Inject WebhookOutbox outbox;
    @Inject ScanConfig config;
    @Inject Clock clock;
    @Inject PipelineService pipelines;
    @Inject BackgroundWork work;

    /** One scan at the clock's instant; answers how many newly frozen visits it handled. */
    public int scan() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return tenants.forEachTenant(tenant -> work.inBatches(config.batchSize(), () -> batch(tenant, now)));
    }

    private int batch(String tenantId, Instant now) {
        if (!store.tryLock()) {
            return 0;
        }
        List<FrozenScanStore.FrozenVisit> visits = store.claimNewlyFrozen(tenantId, now, config.batchSize());
        Map<String, Optional<WorkCalendar>> calendars = new HashMap<>();
        for (FrozenScanStore.FrozenVisit visit : visits) {
            WorkCalendar calendar = calendars.computeIfAbsent(visit.pipelineId(),
                    id -> pipelines.find(id).map(Pipeline::calendar)).orElse(null);
            outbox.enqueue(visit.tenantId(), WebhookEvents.FROZEN, data(visit, calendar));
            if (visit.autoHandoff()) {
                handOff(visit, now);
            }
        }
        return visits.size();
    }

    /** The state check fails before anything is written, so a refusal leaves the batch intact. */
    private void handOff(FrozenScanStore.FrozenVisit visit, Instant now) {
        try {
            handoffs.record(visit.tenantId(), visit.opportunityId(), new HandoffCommand(HandoffDirection.TO_NURTURING,
                    now, "frozen at stage " + visit.stage() + " since "
                            + visit.enteredAt().plusSeconds(visit.frozenAfterSeconds()) + " (automatic hand-off)",
                    "system", null, null, true));
        } catch (ApiException e) {
            LOG.infof("automatic hand-off of %s skipped: %s", visit.opportunityId(), e.detail());
        }
    }

    /** frozenAfterSeconds in the pipeline's time basis; the stored span is calendar time (V11). */
    private static Map<String, Object> data(FrozenScanStore.FrozenVisit visit, WorkCalendar calendar) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("opportunityId", visit.opportunityId());
        data.put("pipelineId", visit.pipelineId());
        data.put("stage", visit.stage());
        data.put("ownerId", visit.currentOwner());
        data.put("visitOwnerId", visit.ownerId());
        data.put("enteredAt", visit.enteredAt().toString());
        data.put("frozenAfterSeconds", OpenVisitTime.frozenAfter(calendar, visit.enteredAt().getEpochSecond(),
                visit.frozenAfterSeconds()));
        data.put("timeBasis", TimeBasis.of(calendar));
        data.put("frozenSince", visit.enteredAt().plusSeconds(visit.frozenAfterSeconds()).toString());
        data.put("amount", visit.amount());
        data.put("currency", visit.currency());
        data.put("attributes", visit.attributes());
        return data;
    }
}
