package io.pipelinehealth.analytics;

import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.Stage;
import io.pipelinehealth.pipeline.StageKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rep's weekly trend per stage (issue 18): per ISO week of the pipeline's zone, the rep's closed
 * visits, median deviation and shares, and the rest of the team's median deviation, aggregated in
 * PostgreSQL; the weeks without a visit are filled in here, so a chart has every week.
 */
@ApplicationScoped
public class TrendQueries {

    private static final String WEEKS = """
            with closed as (
                select owner_id, stage, closed_status, deviation_s as deviation,
                       date_trunc('week', left_at at time zone :zone::text)::date as week
                from visit
                where tenant_id = :tenant and pipeline_id = :pipeline and kind in ('VISIT', 'SKIPPED')
                  and left_at is not null and left_at <= :asOf
                  and left_at >= :from and left_at < :to
                  and (:stage::text is null or stage = :stage::text)
            )
            select week, stage,
                   count(*) filter (where owner_id = :owner) as n,
                   count(*) filter (where owner_id = :owner and closed_status in ('RUSHED', 'SKIPPED')) as rushed,
                   count(*) filter (where owner_id = :owner and closed_status = 'SLOW') as slow,
                   trim_scale(round((percentile_cont(0.5) within group (order by deviation)
                       filter (where owner_id = :owner))::numeric, 3)) as median,
                   count(*) filter (where owner_id <> :owner) as team_n,
                   trim_scale(round((percentile_cont(0.5) within group (order by deviation)
                       filter (where owner_id <> :owner))::numeric, 3)) as team_median
            from closed
            group by week, stage
            """;

    @Inject SerialSession sessions;

    public List<TrendRow> rows(String tenant, Pipeline pipeline, String ownerId, String stage, TrendWindow window) {
        ZoneId zone = pipeline.calendar() == null ? ZoneOffset.UTC : pipeline.calendar().zone();
        NamedSql sql = new NamedSql(ClosedActual.in(WEEKS, pipeline)).set("tenant", tenant).set("pipeline", pipeline.id())
                .set("owner", ownerId).set("stage", stage).set("zone", zone.getId())
                .set("asOf", window.asOf()).set("from", window.from()).set("to", window.to());
        Map<String, Week> found = new HashMap<>();
        try (SerialSession.Session session = sessions.open()) {
            sql.each(session.connection(), row -> found.put(
                    key(row.getString("stage"), row.getObject("week", LocalDate.class)),
                    new Week(row.getLong("n"), row.getLong("rushed"), row.getLong("slow"), row.getBigDecimal("median"),
                            row.getLong("team_n"), row.getBigDecimal("team_median"))));
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        List<TrendRow> rows = new ArrayList<>();
        List<LocalDate> mondays = window.mondays(zone);
        for (Stage s : stages(pipeline, stage)) {
            for (LocalDate monday : mondays) {
                Week w = found.getOrDefault(key(s.key(), monday), Week.EMPTY);
                rows.add(new TrendRow(ownerId, pipeline.id(), s.key(), label(monday),
                        monday.atStartOfDay(zone).toInstant(), w.n(), w.median(), share(w.rushed(), w.n()),
                        share(w.slow(), w.n()), w.teamN(), w.teamMedian()));
            }
        }
        return rows;
    }

    private static List<Stage> stages(Pipeline pipeline, String stage) {
        return pipeline.stages().stream()
                .filter(s -> s.kind() == StageKind.OPEN && (stage == null || s.key().equals(stage)))
                .sorted(Comparator.comparingInt(Stage::order)).toList();
    }

    /** The ISO week of a Monday, such as 2026-W53 (the week of 2027-01-01). */
    private static String label(LocalDate monday) {
        return "%d-W%02d".formatted(monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static Double share(long count, long n) {
        return n == 0 ? null : (double) count / n;
    }

    private static String key(String stage, LocalDate week) {
        return stage + '\u0000' + week;
    }

    private record Week(long n, long rushed, long slow, BigDecimal median, long teamN, BigDecimal teamMedian) {
        static final Week EMPTY = new Week(0, 0, 0, null, 0, null);
    }
}
