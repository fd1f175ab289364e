package io.pipelinehealth.opportunity;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.Text;
import io.pipelinehealth.common.Cursors;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageRequest;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.visit.PositionKind;
import io.pipelinehealth.visit.VisitStatus;
import io.pipelinehealth.worktime.OpenVisitTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where many opportunities stand, one keyset page at a time, with asOf pinned by the cursor. */
@ApplicationScoped
public class OpportunityListService {

    @Inject TenantResolver tenants;
    @Inject PipelineService pipelines;
    @Inject OpportunityQueries queries;
    @Inject Cursors cursors;

    public Page<OpportunityListItem> list(String pipelineId, String ownerId, String stage, String status,
            Instant asOf, PageRequest request) {
        pipelines.requireIfNamed(pipelineId);
        Cursors.Paging paging = cursors.open(request);
        int limit = paging.limit();
        Cursors.Position after = paging.after();
        if (after != null) {
            asOf = after.instant(0);
        }
        OpportunityFilter filter = new OpportunityFilter(pipelineId, ownerId, stage, currentStatus(status), asOf,
                after == null ? null : after.string(1), limit + 1);
        List<OpportunityQueries.Standing> rows = queries.standings(tenants.currentTenant(), filter);
        Map<String, Pipeline> definitions = new HashMap<>();
        long asOfSecond = asOf.getEpochSecond();
        List<OpportunityListItem> items = rows.stream().map(row -> item(row,
                definitions.computeIfAbsent(row.pipelineId(), id -> pipelines.find(id).orElseThrow()), asOfSecond))
                .toList();
        return paging.page(items, item -> List.of(filter.asOf(), item.opportunityId()));
    }

    private static OpportunityListItem item(OpportunityQueries.Standing row, Pipeline pipeline, long asOfSecond) {
        boolean atStage = row.kind() == PositionKind.VISIT;
        // the stored frozen_after_s compares with calendar seconds for both time bases (V11)
        boolean frozen = atStage && row.elapsedSeconds() > row.frozenAfterSeconds();
        long elapsed = OpenVisitTime.elapsed(pipeline.calendar(), row.enteredAt().getEpochSecond(), asOfSecond);
        return new OpportunityListItem(row.opportunityId(), row.pipelineId(), row.ownerId(), row.stage(),
                OpportunityState.of(row.kind(), row.stage(), pipeline), frozen, row.enteredAt(), elapsed,
                atStage ? row.standardSeconds() : null,
                atStage ? elapsed - row.standardSeconds() : null);
    }

    /** The list filters on the status of the current visit, which is OPEN or FROZEN. */
    private static VisitStatus currentStatus(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        if (status.equals("OPEN") || status.equals("FROZEN")) {
            return VisitStatus.valueOf(status);
        }
        throw ApiException.badRequest("invalid-parameter", "Invalid query parameter",
                "status filters on the current visit and must be OPEN or FROZEN, not " + Text.quote(status));
    }
}
