package io.pipelinehealth.handoff;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.webhook.WebhookEvents;
import io.pipelinehealth.webhook.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rule 12: a CRM stage event for a nurtured deal hands it back to sales implicitly. Ingestion
 * notes which of its opportunities were nurturing before it re-derives them, then announces
 * opportunity.returned_to_sales for those whose nurturing period an event has now ended with a
 * stage visit. Two indexed queries per batch, and outbox rows only when it happens.
 */
@ApplicationScoped
public class ImplicitReturns {

    @Inject AgroalDataSource dataSource;
    @Inject WebhookOutbox outbox;

    /** The opportunities (of one pipeline) now in nurturing, with the instant it began. */
    public Map<String, Instant> nurturing(String tenantId, String pipelineId, Collection<String> opportunityIds) {
        Map<String, Instant> result = new HashMap<>();
        new NamedSql("""
                select opportunity_id, entered_at from visit
                where tenant_id = :tenant and pipeline_id = :pipeline and opportunity_id = any(:opportunities)
                  and left_at is null and kind = 'NURTURING'
                """).set("tenant", tenantId).set("pipeline", pipelineId)
                .array("opportunities", "text", opportunityIds.toArray())
                .each(dataSource, row -> result.put(row.getString(1), Jdbc.instant(row, 2)));
        return result;
    }

    /** After re-derivation: announce the nurturing periods that a stage event has ended. */
    public void announce(String tenantId, String pipelineId, Map<String, Instant> nurturingBefore) {
        if (nurturingBefore.isEmpty()) {
            return;
        }
        new NamedSql("""
                select n.opportunity_id, n.left_at, v.stage, v.owner_id
                from visit n
                join visit v on v.tenant_id = n.tenant_id and v.opportunity_id = n.opportunity_id
                            and v.seq = n.seq + 1 and v.kind = 'VISIT'
                join unnest(:opportunities::text[], :enteredAt::timestamptz[]) as b(opportunity_id, entered_at)
                  on b.opportunity_id = n.opportunity_id and b.entered_at = n.entered_at
                where n.tenant_id = :tenant and n.kind = 'NURTURING' and n.closed_by = 'EVENT'
                """).array("opportunities", "text", nurturingBefore.keySet().toArray())
                .array("enteredAt", "text", nurturingBefore.values().stream().map(Instant::toString).toArray())
                .set("tenant", tenantId).each(dataSource, row -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("opportunityId", row.getString(1));
                    data.put("pipelineId", pipelineId);
                    data.put("direction", "TO_SALES");
                    data.put("at", Jdbc.instant(row, 2).toString());
                    data.put("stage", row.getString(3));
                    data.put("ownerId", row.getString(4));
                    data.put("implicit", true);
                    data.put("reason", "stage event from the CRM while in nurturing");
                    outbox.enqueue(tenantId, WebhookEvents.RETURNED_TO_SALES, data);
                });
    }
}
