package io.pipelinehealth.frozen;

import io.pipelinehealth.common.Cursors;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageRequest;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.visit.HistoryStore;
import io.pipelinehealth.visit.Position;
import io.pipelinehealth.visit.Step;
import io.pipelinehealth.visit.VisitDeriver;
import io.pipelinehealth.worktime.OpenVisitTime;
import io.pipelinehealth.worktime.TimeBasis;
import io.pipelinehealth.worktime.WorkCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Frozen deals (rule 9), most overdue first, one keyset page at a time with asOf pinned by the cursor. */
@ApplicationScoped
public class FrozenService {

    @Inject TenantResolver tenants;
    @Inject FrozenQueries queries;
    @Inject HistoryStore history;
    @Inject PipelineService pipelines;
    @Inject Cursors cursors;

    public Page<FrozenItem> list(String pipelineId, String ownerId, String stage, Instant asOf,
            PageRequest request) {
        pipelines.requireIfNamed(pipelineId);
        Cursors.Paging paging = cursors.open(request);
        int limit = paging.limit();
        Long afterDeadline = null;
        String afterId = null;
        Cursors.Position after = paging.after();
        if (after != null) {
            asOf = after.instant(0);
            afterDeadline = after.number(1);
            afterId = after.string(2);
        }
        String tenant = tenants.currentTenant();
        List<FrozenQueries.Row> rows = queries.frozen(tenant,
                new FrozenQueries.Filter(blankToNull(pipelineId), blankToNull(ownerId), blankToNull(stage), asOf,
                        afterDeadline, afterId, limit + 1));
        List<FrozenQueries.Row> page = rows.stream().limit(limit).toList();
        Map<String, Position> asKnown = knownAt(tenant, page, asOf);
        Instant at = asOf;
        Map<String, Optional<WorkCalendar>> calendars = new HashMap<>();
        List<FrozenItem> items = page.stream().map(row -> item(row, asKnown.get(row.opportunityId()), at,
                calendars.computeIfAbsent(row.pipelineId(), id -> pipelines.find(id).map(Pipeline::calendar))
                        .orElse(null))).toList();
        String next = null;
        if (rows.size() > limit) {
            FrozenQueries.Row last = page.get(page.size() - 1);
            next = paging.next(asOf, last.deadline(), last.opportunityId());
        }
        return new Page<>(items, next);
    }

    /**
     * For rows whose snapshot is newer than asOf (an event of the same visit came later), what
     * was known at asOf, derived from the history up to asOf with the code that wrote the rows.
     */
    private Map<String, Position> knownAt(String tenant, List<FrozenQueries.Row> page, Instant asOf) {
        Map<String, String> stale = page.stream().filter(row -> row.lastEventAt().isAfter(asOf))
                .collect(Collectors.toMap(FrozenQueries.Row::opportunityId, FrozenQueries.Row::pipelineId));
        Map<String, Position> known = new HashMap<>();
        if (stale.isEmpty()) {
            return known;
        }
        Map<String, List<Step>> steps = history.steps(tenant, Set.copyOf(stale.keySet()), asOf);
        Map<String, Pipeline> definitions = new HashMap<>();
        stale.forEach((opportunityId, pipelineId) -> {
            Pipeline pipeline = definitions.computeIfAbsent(pipelineId, id -> pipelines.find(id).orElseThrow());
            List<Position> positions = VisitDeriver.derive(pipeline, steps.getOrDefault(opportunityId, List.of()));
            if (!positions.isEmpty()) {
                known.put(opportunityId, positions.get(positions.size() - 1));
            }
        });
        return known;
    }

    private static String blankToNull(String parameter) {
        return parameter == null || parameter.isEmpty() ? null : parameter;
    }

    /** Elapsed and overdue in the pipeline's time basis (rule 15 with a calendar). */
    private static FrozenItem item(FrozenQueries.Row row, Position known, Instant asOf, WorkCalendar calendar) {
        long elapsed = OpenVisitTime.elapsed(calendar, row.enteredSeconds(), asOf.getEpochSecond());
        long frozenAfter = OpenVisitTime.frozenAfter(calendar, row.enteredSeconds(), row.frozenAfterSeconds());
        return new FrozenItem(row.opportunityId(), row.pipelineId(), row.stage(), row.ownerId(), row.enteredAt(),
                elapsed, frozenAfter, elapsed - frozenAfter, TimeBasis.of(calendar),
                known == null ? row.amount() : known.amount(),
                known == null ? row.currency() : known.currency(),
                known == null ? row.attributes() : known.attributes());
    }
}
