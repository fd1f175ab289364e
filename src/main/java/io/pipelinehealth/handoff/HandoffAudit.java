package io.pipelinehealth.handoff;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.Text;
import io.pipelinehealth.common.Cursors;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageRequest;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.visit.HandoffDirection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The audit trail of hand-offs, keyset-paginated on (at, handoffId). */
@ApplicationScoped
public class HandoffAudit {

    @Inject TenantResolver tenants;
    @Inject HandoffStore store;
    @Inject PipelineService pipelines;
    @Inject Cursors cursors;

    public Page<Handoff> list(String pipelineId, String direction, Instant from, Instant to, PageRequest request) {
        pipelines.requireIfNamed(pipelineId);
        Cursors.Paging paging = cursors.open(request);
        int limit = paging.limit();
        Cursors.Position after = paging.after();
        Instant afterAt = after == null ? null : after.instant(0);
        Long afterId = after == null ? null : after.number(1);
        List<Handoff> rows = store.page(tenants.currentTenant(), new HandoffStore.Filter(pipelineId,
                direction(direction), from, to, afterAt, afterId, limit + 1));
        return paging.page(rows, handoff -> List.of(handoff.at(), handoff.handoffId()));
    }

    private static HandoffDirection direction(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return HandoffDirection.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-parameter", "Invalid query parameter", "direction must be one of "
                    + Arrays.toString(HandoffDirection.values()) + ", not " + Text.quote(text));
        }
    }
}
