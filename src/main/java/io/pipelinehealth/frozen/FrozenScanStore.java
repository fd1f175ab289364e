package io.pipelinehealth.frozen;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The SQL of the frozen scan: a transaction-scoped advisory lock and the once-per-visit notices. */
@ApplicationScoped
public class FrozenScanStore {

    /** Any constant shared by every replica: the advisory lock key of the scan. */
    private static final long LOCK_KEY = 0x70682d66726f7aL;

    /** An open visit frozen at the scan instant, not yet announced. */
    public record FrozenVisit(String tenantId, String opportunityId, String pipelineId, String stage, Instant enteredAt,
            long frozenAfterSeconds, String ownerId, String currentOwner, BigDecimal amount, String currency,
            Map<String, String> attributes, boolean autoHandoff) {
    }

    @Inject AgroalDataSource dataSource;

    /** Whether this transaction holds the scan lock (another replica scanning answers false). */
    public boolean tryLock() {
        return new NamedSql("select pg_try_advisory_xact_lock(:key)").set("key", LOCK_KEY)
                .first(dataSource, row -> row.getBoolean(1)).orElse(false);
    }

    /**
     * Claims up to {@code limit} visits of the tenant open and frozen at {@code now} that have no notice yet, by
     * inserting their notices (the unique key makes a visit announced once), the longest frozen first: that order
     * is the partial index visit_open_deadline's, so a scan reads open visits only (ordering by opportunity walked
     * the primary key over every visit row: 2 s at 1m, docs/benchmarks.md). Answers them in (tenant, opportunity)
     * order, the order their rows are then locked in. Every table is filtered by {@code :tenant} itself, not
     * joined on a CTE's tenant_id: Citus routes the statement to the tenant's shard only so.
     */
    public List<FrozenVisit> claimNewlyFrozen(String tenantId, Instant now, int limit) {
        return new NamedSql("""
                with candidate as (
                    select v.tenant_id, v.opportunity_id, v.pipeline_id, v.stage, v.entered_at,
                           v.frozen_after_s, v.owner_id, v.current_owner
                    from visit v
                    where v.tenant_id = :tenant and v.kind = 'VISIT' and v.left_at is null
                      and (v.entered_s + v.frozen_after_s) < :nowSeconds and v.entered_at <= :now
                      and not exists (select 1 from frozen_notice n
                                      where n.tenant_id = :tenant and n.opportunity_id = v.opportunity_id
                                        and n.stage = v.stage and n.entered_at = v.entered_at)
                    order by (v.entered_s + v.frozen_after_s)
                    limit :limit
                ), noticed as (
                    insert into frozen_notice (tenant_id, opportunity_id, stage, entered_at, noticed_at)
                    select tenant_id, opportunity_id, stage, entered_at, :now from candidate
                    on conflict do nothing
                    returning tenant_id, opportunity_id, stage, entered_at
                )
                select c.tenant_id, c.opportunity_id, c.pipeline_id, c.stage, c.entered_at, c.frozen_after_s,
                       c.owner_id, c.current_owner, o.amount, o.currency, o.attributes,
                       coalesce((p.definition ->> 'autoHandoff')::boolean, false)
                from candidate c
                join noticed n using (tenant_id, opportunity_id, stage, entered_at)
                join pipeline p on p.tenant_id = :tenant and p.pipeline_id = c.pipeline_id
                join opportunity o on o.tenant_id = :tenant and o.opportunity_id = c.opportunity_id
                order by c.tenant_id, c.opportunity_id
                """).set("tenant", tenantId).set("now", now).set("nowSeconds", now.getEpochSecond())
                .set("limit", limit)
                .list(dataSource, row -> new FrozenVisit(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), Jdbc.instant(row, 5), row.getLong(6), row.getString(7), row.getString(8),
                        row.getBigDecimal(9), row.getString(10), Jdbc.stringMap(row.getString(11)),
                        row.getBoolean(12)));
    }
}
