package io.pipelinehealth.handoff;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.Text;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageCursor;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.visit.HandoffDirection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The audit trail of hand-offs, keyset-paginated on (at, handoffId). */
@ApplicationScoped
public class HandoffAudit {

    private final TenantResolver tenants;
    private final HandoffStore store;

    HandoffAudit(TenantResolver tenants, HandoffStore store) {
        this.tenants = tenants;
        this.store = store;
    }

    public Page<Handoff> list(String pipelineId, String direction, Instant from, Instant to, List<String> cursor,
            int limit) {
        Instant afterAt = null;
        Long afterId = null;
        if (!cursor.isEmpty()) {
            try {
                afterAt = Instant.parse(cursor.get(0));
                afterId = Long.parseLong(cursor.get(1));
            } catch (RuntimeException e) {
                throw PageCursor.invalid();
            }
        }
        List<Handoff> rows = store.page(tenants.currentTenant(), new HandoffStore.Filter(pipelineId,
                direction(direction), from, to, afterAt, afterId, limit + 1));
        List<Handoff> items = rows.stream().limit(limit).toList();
        Handoff last = items.isEmpty() ? null : items.get(items.size() - 1);
        String next = rows.size() > limit
                ? PageCursor.encode(last.at().toString(), String.valueOf(last.handoffId())) : null;
        return new Page<>(items, next);
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
