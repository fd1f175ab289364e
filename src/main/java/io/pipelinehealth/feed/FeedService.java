package io.pipelinehealth.feed;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.Cursors;
import io.pipelinehealth.common.Instants;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /api/v1/visits (issue 22). A full pull pages through the pipeline's visits by opportunity and key; its
 * change cursor is the horizon taken before its first page, so every change after that (even one
 * a later page already shows) comes again in the next incremental pull: visitKey makes that an
 * idempotent upsert for the client. An incremental pull reads the changes between its
 * changedSince and a horizon taken at its first page, pinned in its page cursors.
 */
@ApplicationScoped
public class FeedService {

    private static final String FULL = "F";
    private static final String INCREMENTAL = "I";
    /** Attribute keys (with a separator each) pinned in a CSV cursor at most: a cursor travels in the URL. */
    private static final int MAX_PINNED_KEYS_CHARS = 1_000;
    private static final String PINNED = "K";

    private final TenantResolver tenants;
    private final PipelineService pipelines;
    private final FeedQueries queries;
    private final Cursors cursors;
    private final Clock clock;
    private final Duration retention;

    FeedService(TenantResolver tenants, PipelineService pipelines, FeedQueries queries, Cursors cursors, Clock clock,
            FeedConfig config) {
        this.retention = config.tombstoneRetention();
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

    /**
     * One page of a pull, checked and bounded but not read: every refusal (a bad parameter or
     * cursor, an unknown pipeline, a cursor older than the tombstones kept) happens here, before
     * the response starts; the rows are read while the response is written ({@link FeedWriter}).
     * With {@code csv} the page carries the attr columns, pinned in the cursor for the whole pull.
     */
    public FeedPage pull(Pull pull, FeedRequest request, boolean csv) {
        Pipeline pipeline = pipeline(pull.pipelineId());
        List<Condition> conditions = conditions(pull);
        Cursors.Paging paging = cursors.open(request);
        int limit = paging.limit();
        Cursors.Position after = paging.after();
        String scope = scope(pipeline.id());
        String tenant = tenants.currentTenant();
        long nowSecond = clock.instant().getEpochSecond();
        if (pull.changedSince() == null || pull.changedSince().isEmpty()) {
            if (after != null && !FULL.equals(after.string(0))) {
                throw invalidCursor();
            }
            long horizon = after == null ? queries.horizon() : after.number(1);
            FeedQueries.Key from = after == null ? FeedQueries.Key.START
                    : new FeedQueries.Key(after.string(2), after.string(3));
            List<String> keys = csv ? attributeKeys(tenant, pipeline.id(), after, 4) : null;
            FeedQueries.Scan scan = new FeedQueries.Scan(tenant, conditions, null, true);
            FeedQueries.Key last = queries.pageEnd(scan, from, limit);
            return last != null
                    ? new FeedPage(scan, from, last, pipeline, nowSecond, keys,
                            paging.next(cursor(keys, FULL, horizon, last.opportunityId(), last.visitKey())), null)
                    : new FeedPage(scan, from, null, pipeline, nowSecond, keys, null, cursors.sign(scope, horizon));
        }
        long since = changeNumber(scope, pull.changedSince());
        if (after != null && !INCREMENTAL.equals(after.string(0))) {
            throw invalidCursor();
        }
        checkRetained(tenant, pipeline.id(), since);
        long upto = after == null ? Math.max(since, queries.horizon()) : after.number(2);
        FeedQueries.Key from = new FeedQueries.Key("", after == null ? "" : after.string(3));
        List<String> keys = csv ? attributeKeys(tenant, pipeline.id(), after, 4) : null;
        FeedQueries.Scan scan = new FeedQueries.Scan(tenant, conditions,
                new FeedQueries.Changes(pipeline.id(), since, upto, pull.ownerId()), false);
        FeedQueries.Key last = queries.pageEnd(scan, from, limit);
        if (last != null) {
            return new FeedPage(scan, from, last, pipeline, nowSecond, keys,
                    paging.next(cursor(keys, INCREMENTAL, since, upto, last.visitKey())), null);
        }
        // nothing changed at all: the cursor does not move
        boolean nothing = after == null && queries.isEmpty(scan);
        return new FeedPage(scan, from, null, pipeline, nowSecond, keys, null,
                nothing ? pull.changedSince() : cursors.sign(scope, upto));
    }

    /**
     * A cursor's values, then the pinned attribute keys (CSV), unless they are too long for a
     * cursor in a URL: then each page reads them again.
     */
    private static Object[] cursor(List<String> keys, Object... position) {
        List<Object> values = new ArrayList<>(List.of(position));
        if (keys != null && keys.stream().mapToInt(k -> k.length() + 1).sum() <= MAX_PINNED_KEYS_CHARS) {
            values.add(PINNED); // then the keys, none or more
            values.addAll(keys);
        }
        return values.toArray();
    }

    /** The attr columns of a CSV page: pinned in the cursor after its position, or read now. */
    private List<String> attributeKeys(String tenant, String pipelineId, Cursors.Position after, int from) {
        if (after != null && after.values().size() > from && PINNED.equals(after.string(from))) {
            return after.values().subList(from + 1, after.values().size());
        }
        return List.copyOf(queries.attributeKeys(tenant, pipelineId));
    }

    /**
     * 410 Gone when tombstones this pull needs were pruned (V21: a tombstone numbered at or above
     * changedSince is gone): only a full pull brings the client's table back in step.
     */
    private void checkRetained(String tenant, String pipelineId, long since) {
        if (queries.prunedUpto(tenant, pipelineId) >= since) {
            throw new ApiException(410, "change-cursor-expired", "changedSince is too old",
                    "Deleted visits are kept as tombstones for " + retention.toDays() + " days and this changedSince "
                            + "is older: the deletions since then are no longer known. Do a full pull (without "
                            + "changedSince), replace your table with it, and use its changeCursor from then on.");
        }
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
                        id -> pipelines.find(id).orElseThrow()), nowSecond, Map.of()))
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

    private static String scope(String pipelineId) {
        return "visit-feed\n" + pipelineId;
    }

    private static ApiException invalidCursor() {
        return ApiException.badRequest("invalid-cursor", "Invalid cursor",
                "The cursor belongs to the other kind of pull; pass the nextCursor of the previous page unchanged.");
    }
}
