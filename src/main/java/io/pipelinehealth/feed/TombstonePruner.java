package io.pipelinehealth.feed;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.TenantDirectory;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.lifecycle.BackgroundWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes tombstones older than the retention (pipeline-health.feed.tombstone-retention), tenant
 * by tenant, a batch per transaction, and raises each pipeline's pruning frontier (V21) in the
 * same transaction: an incremental pull from at or below it answers 410 Gone (FeedService).
 * Replicas may prune at once: each deletes what it finds; the frontier only rises.
 */
@ApplicationScoped
public class TombstonePruner {

    private static final Logger LOG = Logger.getLogger(TombstonePruner.class);
    static final int BATCH = 5_000;

    @Inject AgroalDataSource dataSource;
    @Inject TenantDirectory tenants;
    @Inject FeedConfig config;
    @Inject Clock clock;
    @Inject BackgroundWork work;

    /** One round at the clock's instant; answers how many tombstones it deleted. */
    public int prune() {
        Instant cutoff = clock.instant().minus(config.tombstoneRetention());
        int total = tenants.forEachTenant(tenant -> work.inBatches(BATCH, () -> batch(tenant, cutoff)));
        if (total > 0) {
            LOG.infof("Pruned %d tombstones older than %s", total, cutoff);
        }
        return total;
    }

    private int batch(String tenantId, Instant cutoff) {
        return new NamedSql("""
                with gone as (
                    delete from visit_change c
                    where c.tenant_id = :tenant and c.visit_key in (
                        select visit_key from visit_change
                        where tenant_id = :tenant and deleted and changed_at < :cutoff
                        limit :batch for update skip locked)
                      and c.deleted and c.changed_at < :cutoff
                    returning c.pipeline_id, c.changed_by
                ),
                frontier as (
                    insert into visit_change_pruned as p (tenant_id, pipeline_id, pruned_upto)
                    select :tenant::text, pipeline_id, max(changed_by::text::numeric)::text::xid8
                    from gone group by pipeline_id
                    on conflict (tenant_id, pipeline_id) do update
                    set pruned_upto = greatest(p.pruned_upto, excluded.pruned_upto)
                )
                select count(*) from gone
                """).set("tenant", tenantId).set("cutoff", cutoff).set("batch", BATCH)
                .first(dataSource, row -> row.getInt(1)).orElseThrow();
    }
}
