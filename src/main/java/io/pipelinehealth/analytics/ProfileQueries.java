package io.pipelinehealth.analytics;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.visit.OwnerAtAsOf;
import io.pipelinehealth.common.CodePointOrder;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.worktime.OpenVisitTime;
import io.pipelinehealth.worktime.WorkCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;

/**
 * The open deals of a rep as of asOf, by current owner (rule 10): the owner known after the row's
 * last event, or, when that event came after asOf, the owner of the latest event up to asOf (as
 * the opportunity list does). Ranked by seconds past the standard, then opportunity id. The visits
 * open at asOf are read in two branches, as in {@link OpenVisits}, so that each reads one partial
 * index of V2 instead of every visit of the pipeline.
 */
@ApplicationScoped
public class ProfileQueries {

    private static final String OPEN_DEALS = """
            with open_visits as (
                select v.opportunity_id, v.stage, v.entered_at, v.entered_s, v.standard_s, v.frozen_after_s,
                       %1$s as owner
                from visit v
                where v.tenant_id = :tenant and v.pipeline_id = :pipeline and v.kind = 'VISIT'
                  and v.left_at is null and v.entered_at <= :asOf
                union all
                select v.opportunity_id, v.stage, v.entered_at, v.entered_s, v.standard_s, v.frozen_after_s,
                       %1$s as owner
                from visit v
                where v.tenant_id = :tenant and v.pipeline_id = :pipeline and v.kind = 'VISIT'
                  and v.left_at > :asOf and v.entered_at <= :asOf
            )
            select opportunity_id, stage, entered_at, :asOfSeconds - entered_s as elapsed, standard_s,
                   :asOfSeconds - entered_s - standard_s as past, :asOfSeconds - entered_s > frozen_after_s as frozen
            from open_visits
            where owner = :owner
            order by past desc, opportunity_id
            """.formatted(OwnerAtAsOf.SQL);

    @Inject AgroalDataSource dataSource;

    public List<OpenDeal> openDeals(String tenant, Pipeline pipeline, String ownerId, AnalyticsWindow window) {
        NamedSql sql = new NamedSql(OPEN_DEALS).set("tenant", tenant).set("pipeline", pipeline.id())
                .set("owner", ownerId).set("asOf", window.asOf()).set("asOfSeconds", window.asOfSeconds());
        List<OpenDeal> deals = sql.list(dataSource, row -> new OpenDeal(row.getString("opportunity_id"),
                row.getString("stage"), Jdbc.instant(row, row.findColumn("entered_at")), row.getLong("elapsed"),
                row.getLong("standard_s"), row.getLong("past"), row.getBoolean("frozen")));
        return pipeline.calendar() == null ? deals : inWorkingTime(deals, pipeline.calendar(), window.asOfSeconds());
    }

    /**
     * Rule 15: elapsed and past the standard in working seconds, ranked again on them (frozen is
     * already right: the stored frozen_after_s is a calendar span, V11).
     */
    private static List<OpenDeal> inWorkingTime(List<OpenDeal> deals, WorkCalendar calendar, long asOfSecond) {
        return deals.stream().map(deal -> {
            long elapsed = OpenVisitTime.elapsed(calendar, deal.enteredAt().getEpochSecond(), asOfSecond);
            return new OpenDeal(deal.opportunityId(), deal.stage(), deal.enteredAt(), elapsed, deal.standardSeconds(),
                    elapsed - deal.standardSeconds(), deal.frozen());
        }).sorted(Comparator.comparingLong(OpenDeal::secondsPastStandard).reversed()
                .thenComparing(OpenDeal::opportunityId, CodePointOrder.INSTANCE)).toList();
    }
}
