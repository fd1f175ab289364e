package io.pipelinehealth.ui;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.Stage;
import io.pipelinehealth.pipeline.StageKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pipelines page's two figures per pipeline, open and frozen deals at asOf: the sums over stages
 * of stage analytics' openVisits and frozen (analytics.StageQueries), counted alone in one query for
 * all pipelines instead of running the whole stage analytics (percentiles over every closed visit)
 * once per pipeline. Same visits: open at asOf (the two branches of analytics.OpenVisits, one partial
 * index each), at a non-terminal stage of the current definition; frozen past frozen_after_s.
 */
@ApplicationScoped
class OpenCounts {

    private static final String COUNTS = """
            select pipeline_id, stage, count(*) as open_visits,
                   count(*) filter (where :asOfSeconds - entered_s > frozen_after_s) as frozen
            from (
                select pipeline_id, stage, entered_s, frozen_after_s
                from visit
                where tenant_id = :tenant and pipeline_id = any(:pipelines::text[]) and kind = 'VISIT'
                  and left_at is null and entered_at <= :asOf
                union all
                select pipeline_id, stage, entered_s, frozen_after_s
                from visit
                where tenant_id = :tenant and pipeline_id = any(:pipelines::text[]) and kind = 'VISIT'
                  and left_at > :asOf and entered_at <= :asOf
            ) o
            group by pipeline_id, stage
            """;

    /** Open deals and how many of them are frozen. */
    record Counts(long open, long frozen) {
        static final Counts NONE = new Counts(0, 0);

        Counts plus(Counts more) {
            return new Counts(open + more.open, frozen + more.frozen);
        }
    }

    @Inject AgroalDataSource dataSource;

    /** Per pipeline id; a pipeline without open deals is absent. */
    Map<String, Counts> of(String tenant, List<Pipeline> pipelines, Instant asOf) {
        Map<String, Set<String>> openStages = pipelines.stream().collect(Collectors.toMap(Pipeline::id,
                p -> p.stages().stream().filter(s -> s.kind() == StageKind.OPEN).map(Stage::key).collect(Collectors.toSet())));
        NamedSql sql = new NamedSql(COUNTS).set("tenant", tenant)
                .array("pipelines", "text", openStages.keySet().toArray())
                .set("asOf", asOf).set("asOfSeconds", asOf.getEpochSecond());
        Map<String, Counts> counts = new HashMap<>();
        sql.each(dataSource, row -> {
            String pipeline = row.getString("pipeline_id");
            if (openStages.get(pipeline).contains(row.getString("stage"))) {
                counts.merge(pipeline, new Counts(row.getLong("open_visits"), row.getLong("frozen")), Counts::plus);
            }
        });
        return counts;
    }
}
