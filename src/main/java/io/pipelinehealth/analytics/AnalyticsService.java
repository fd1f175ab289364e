package io.pipelinehealth.analytics;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.common.Text;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.pipeline.StageKind;
import io.pipelinehealth.worktime.TimeBasis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Rep, stage and standards analytics of one pipeline, read from the stored visit rows. */
@ApplicationScoped
public class AnalyticsService {

    @Inject TenantResolver tenants;
    @Inject PipelineService pipelines;
    @Inject RepQueries reps;
    @Inject StageQueries stages;
    @Inject StandardQueries standards;
    @Inject ProfileQueries profiles;
    @Inject TrendQueries trends;
    @Inject Clock clock;

    public List<RepStageRow> reps(String pipelineId, RepQueries.RepFilter filter, AnalyticsWindow window,
            PatternRule rule) {
        return reps.rows(tenants.currentTenant(), pipeline(pipelineId), filter, window, rule);
    }

    public List<StageAnalyticsRow> stages(String pipelineId, AnalyticsWindow window) {
        return stages.rows(tenants.currentTenant(), pipeline(pipelineId), window);
    }

    public List<StandardRow> standards(String pipelineId, Instant from, Instant to) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return standards.rows(tenants.currentTenant(), pipeline(pipelineId), from, to, now);
    }

    public RepProfile profile(String ownerId, String pipelineId, AnalyticsWindow window, PatternRule rule) {
        String tenant = tenants.currentTenant();
        Pipeline pipeline = pipeline(pipelineId);
        List<ProfileStage> rows = reps.profile(tenant, pipeline, ownerId, window, rule);
        List<OpenDeal> open = profiles.openDeals(tenant, pipeline, ownerId, window);
        return new RepProfile(ownerId, pipeline.id(), window.from(), window.to(), window.asOf(), rows, open,
                open.stream().filter(OpenDeal::frozen).toList());
    }

    /** A rep's weekly trend at one stage, or at every stage that has a standard when {@code stage} is null. */
    public List<TrendRow> trend(String ownerId, String pipelineId, String stage, TrendWindow window) {
        Pipeline pipeline = pipeline(pipelineId);
        if (stage != null && pipeline.stage(stage).filter(s -> s.kind() == StageKind.OPEN).isEmpty()) {
            throw ApiException.badRequest("invalid-parameter", "Invalid query parameter",
                    "stage must be a non-terminal stage of pipeline " + Text.quote(pipeline.id()) + ", not "
                            + Text.quote(stage));
        }
        return trends.rows(tenants.currentTenant(), pipeline, ownerId, stage, window);
    }

    /** What the seconds of this pipeline's figures mean, for exports that carry it in a column. */
    public TimeBasis timeBasis(String pipelineId) {
        return TimeBasis.of(pipeline(pipelineId).calendar());
    }

    private Pipeline pipeline(String pipelineId) {
        if (pipelineId == null || pipelineId.isEmpty()) {
            throw ApiException.badRequest("invalid-parameter", "Invalid query parameter",
                    "pipelineId is required: analytics are computed for one pipeline at a time");
        }
        return pipelines.require(pipelineId);
    }
}
