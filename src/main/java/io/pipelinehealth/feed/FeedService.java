package io.pipelinehealth.feed;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.Cursors;
import io.pipelinehealth.common.Instants;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * GET /api/v1/visits (issue 22). A full pull pages through the pipeline's visits by key; its
 * change cursor is the horizon taken before its first page, so every change after that (even one
 * a later page already shows) comes again in the next incremental pull: visitKey makes that an
 * idempotent upsert for the client. An incremental pull reads the changes between its
 * changedSince and a horizon taken at its first page, pinned in its page cursors.
 */
@ApplicationScoped
public class FeedService {

    private static final String FULL = "F";
    private static final String INCREMENTAL = "I";

    private final TenantResolver tenants;
    private final PipelineService pipelines;
    private final FeedQueries queries;
    private final Cursors cursors;
    private final Clock clock;

    FeedService(TenantResolver tenants, PipelineService pipelines, FeedQueries queries, Cursors cursors, Clock clock) {
        this.tenants = tenants;
        this.pipelines = pipelines;
        this.queries = queries;
        this.cursors = cursors;
        this.clock = clock;
    }

    /** The parameters of one pull; ownerId is the rep filter (null for read and admin keys). */
    public record Pull(String pipelineId, String enteredFrom, String enteredTo, String changedSince, String ownerId) {
    }

    public Pipeline pipeline(String pipelineId) {
        if (pipelineId == null || pipelineId.isEmpty()) {
            throw ApiException.badRequest("invalid-parameter", "Invalid query parameter",
                    "pipelineId is required: the feed is one pipeline's visits");
        }
        return pipelines.require(pipelineId);
    }

    public VisitFeedPage pull(Pull pull, FeedRequest request) {
        Pipeline pipeline = pipeline(pull.pipelineId());
        List<Condition> conditions = conditions(pull);
        Cursors.Paging paging = cursors.open(request);
        int limit = paging.limit();
        Cursors.Position after = paging.after();
        String scope = scope(pipeline.id());
        long nowSecond = clock.instant().getEpochSecond();
        if (pull.changedSince() == null || pull.changedSince().isEmpty()) {
            if (after != null && !FULL.equals(after.string(0))) {
                throw invalidCursor();
            }
            long horizon = after == null ? queries.horizon() : after.number(1);
            String afterKey = after == null ? "" : after.string(2);
            List<FeedQueries.Stored> rows = queries.page(tenants.currentTenant(), conditions, afterKey, limit + 1);
            List<Object> items = items(rows, limit, pipeline, nowSecond);
            return rows.size() > limit
                    ? new VisitFeedPage(items, paging.next(FULL, horizon, lastKey(rows, limit)), null)
                    : new VisitFeedPage(items, null, cursors.sign(scope, horizon));
        }
        long since = changeNumber(scope, pull.changedSince());
        if (after != null && !INCREMENTAL.equals(after.string(0))) {
            throw invalidCursor();
        }
        long upto = after == null ? Math.max(since, queries.horizon()) : after.number(2);
        String afterKey = after == null ? "" : after.string(3);
        List<FeedQueries.Stored> rows = queries.changes(tenants.currentTenant(), pipeline.id(), conditions, since, upto,
                afterKey, limit + 1);
        List<Object> items = items(rows, limit, pipeline, nowSecond);
        if (rows.size() > limit) {
            return new VisitFeedPage(items, paging.next(INCREMENTAL, since, upto, lastKey(rows, limit)), null);
        }
        // nothing changed at all: the cursor does not move
        boolean nothing = after == null && rows.isEmpty();
        return new VisitFeedPage(items, null, nothing ? pull.changedSince() : cursors.sign(scope, upto));
    }

    /**
     * Current visits of any pipelines matching the conditions, after {@code afterKey} in key order,
     * with open visits as of now (the OData Visits set reads through here).
     */
    public List<FeedRow> read(List<Condition> conditions, String afterKey, int limit) {
        Map<String, Pipeline> definitions = new HashMap<>();
        long nowSecond = clock.instant().getEpochSecond();
        return queries.page(tenants.currentTenant(), conditions, afterKey, limit).stream()
                .map(row -> FeedRows.of(row, definitions.computeIfAbsent(row.pipelineId(),
                        id -> pipelines.find(id).orElseThrow()), nowSecond))
                .toList();
    }

    public long count(List<Condition> conditions) {
        return queries.count(tenants.currentTenant(), conditions);
    }

    /** The pull's filters: its pipeline, the half-open entry window, and a rep's own visits. */
    static List<Condition> conditions(Pull pull) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(new Condition(FeedColumn.PIPELINE_ID, Condition.Op.EQ, pull.pipelineId()));
        if (pull.enteredFrom() != null && !pull.enteredFrom().isEmpty()) {
            conditions.add(new Condition(FeedColumn.ENTERED_AT, Condition.Op.GE,
                    Instants.parameter("enteredFrom", pull.enteredFrom())));
        }
        if (pull.enteredTo() != null && !pull.enteredTo().isEmpty()) {
            conditions.add(new Condition(FeedColumn.ENTERED_AT, Condition.Op.LT,
                    Instants.parameter("enteredTo", pull.enteredTo())));
        }
        if (pull.ownerId() != null) {
            conditions.add(new Condition(FeedColumn.OWNER_ID, Condition.Op.EQ, pull.ownerId()));
        }
        return conditions;
    }

    private long changeNumber(String scope, String changedSince) {
        try {
            return cursors.verify(scope, changedSince).number(0);
        } catch (ApiException e) {
            throw ApiException.badRequest("invalid-cursor", "Invalid changedSince",
                    "changedSince must be the changeCursor of an earlier pull of this pipeline, unchanged.");
        }
    }

    static List<Object> items(List<FeedQueries.Stored> rows, int limit, Pipeline pipeline, long nowSecond) {
        List<Object> items = new ArrayList<>(Math.min(rows.size(), limit));
        for (FeedQueries.Stored row : rows.subList(0, Math.min(rows.size(), limit))) {
            items.add(row.deleted() ? new Tombstone(row.visitKey()) : FeedRows.of(row, pipeline, nowSecond));
        }
        return items;
    }

    private static String lastKey(List<FeedQueries.Stored> rows, int limit) {
        return rows.get(limit - 1).visitKey();
    }

    private static String scope(String pipelineId) {
        return "visit-feed\n" + pipelineId;
    }

    private static ApiException invalidCursor() {
        return ApiException.badRequest("invalid-cursor", "Invalid cursor",
                "The cursor belongs to the other kind of pull; pass the nextCursor of the previous page unchanged.");
    }
}
