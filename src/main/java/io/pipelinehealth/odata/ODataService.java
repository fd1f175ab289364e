package io.pipelinehealth.odata;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinehealth.analytics.AnalyticsService;
import io.pipelinehealth.analytics.AnalyticsWindow;
import io.pipelinehealth.analytics.PatternRule;
import io.pipelinehealth.analytics.RepQueries;
import io.pipelinehealth.analytics.RepStageRow;
import io.pipelinehealth.common.Cursors;
import io.pipelinehealth.feed.Condition;
import io.pipelinehealth.feed.FeedColumn;
import io.pipelinehealth.feed.FeedRow;
import io.pipelinehealth.feed.FeedService;
import io.pipelinehealth.identity.CurrentKey;
import io.pipelinehealth.identity.RepScope;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.pipeline.PipelineView;
import io.pipelinehealth.worktime.TimeBasis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entity sets of the read-only OData service (issue 22): Visits (the visit feed's rows, read
 * page by page from SQL in key order), RepStageRows (rule 11 rows of each pipeline for the default
 * window, asOf now) and Pipelines (both small, built whole and sliced).
 */
@ApplicationScoped
public class ODataService {

    /** Rows per response; Power BI, Excel and Tableau follow @odata.nextLink to the end. */
    static final int PAGE = 1_000;
    /** The most $top may ask for, as for the REST feed's limit. */
    static final int MAX_TOP = 10_000;

    static final EntitySet VISITS = new EntitySet("Visits", "Visit", "visitKey", List.of(
            new EntitySet.Property("visitKey", "Edm.String", false),
            new EntitySet.Property("opportunityId", "Edm.String", false),
            new EntitySet.Property("pipelineId", "Edm.String", false),
            new EntitySet.Property("stage", "Edm.String", false),
            new EntitySet.Property("ownerId", "Edm.String", true),
            new EntitySet.Property("enteredAt", "Edm.DateTimeOffset", false),
            new EntitySet.Property("leftAt", "Edm.DateTimeOffset", true),
            new EntitySet.Property("actualSeconds", "Edm.Int64", false),
            new EntitySet.Property("standardSeconds", "Edm.Int64", true),
            new EntitySet.Property("deviationSeconds", "Edm.Int64", true),
            new EntitySet.Property("status", "Edm.String", false),
            new EntitySet.Property("timeBasis", "Edm.String", false)),
            Set.of("pipelineId", "stage", "ownerId", "enteredAt", "leftAt"), Set.of("enteredAt", "leftAt"));

    static final EntitySet REP_STAGE_ROWS = repStageRows();

    static final EntitySet PIPELINES = new EntitySet("Pipelines", "Pipeline", "id", List.of(
            new EntitySet.Property("id", "Edm.String", false),
            new EntitySet.Property("name", "Edm.String", false),
            new EntitySet.Property("stageCount", "Edm.Int32", false),
            new EntitySet.Property("autoHandoff", "Edm.Boolean", false),
            new EntitySet.Property("timeBasis", "Edm.String", false),
            new EntitySet.Property("createdAt", "Edm.DateTimeOffset", false),
            new EntitySet.Property("updatedAt", "Edm.DateTimeOffset", false)), Set.of("id"), Set.of());

    static final List<EntitySet> SETS = List.of(VISITS, REP_STAGE_ROWS, PIPELINES);

    @Inject FeedService feed;
    @Inject AnalyticsService analytics;
    @Inject PipelineService pipelines;
    @Inject Cursors cursors;
    @Inject CurrentKey key;
    @Inject ObjectMapper json;
    @Inject Clock clock;
    @Inject TenantPipelines tenantPipelines;

    private static EntitySet repStageRows() {
        List<EntitySet.Property> properties = new ArrayList<>();
        properties.add(new EntitySet.Property("rowKey", "Edm.String", false));
        properties.addAll(EntitySet.of(RepStageRow.class));
        return new EntitySet("RepStageRows", "RepStageRow", "rowKey", properties,
                Set.of("pipelineId", "ownerId", "stage"), Set.of());
    }

    /** One response's entities, the token of the next page (null at the end), and the count when asked. */
    record Result(List<Map<String, Object>> entities, String skiptoken, Long count) {
    }

    Result visits(ODataQuery query) {
        List<Condition> conditions = new ArrayList<>();
        for (Filter.Term term : query.filter()) {
            conditions.add(new Condition(FeedColumn.ofField(term.field()), term.op(), term.value()));
        }
        String rep = RepScope.ownerFilter(key.repOwner(), null);
        if (rep != null) {
            conditions.add(new Condition(FeedColumn.OWNER_ID, Condition.Op.EQ, rep));
        }
        String scope = "odata\nVisits\n" + query.filterText();
        String after = query.skiptoken() == null ? "" : token(scope, query.skiptoken()).string(0);
        int size = Math.min(query.pageSize(), query.top() == null ? query.pageSize() : query.top());
        List<FeedRow> rows = size == 0 ? List.of() : feed.read(conditions, after, size + 1);
        List<Map<String, Object>> entities = new ArrayList<>();
        rows.stream().limit(size).forEach(row -> entities.add(visit(row)));
        boolean more = rows.size() > size && (query.top() == null || query.top() > size);
        String next = more ? cursors.sign(scope, rows.get(size - 1).visitKey()) : null;
        return new Result(entities, next, query.count() ? feed.count(conditions) : null);
    }

    private static Map<String, Object> visit(FeedRow row) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("visitKey", row.visitKey());
        entity.put("opportunityId", row.opportunityId());
        entity.put("pipelineId", row.pipelineId());
        entity.put("stage", row.stage());
        entity.put("ownerId", row.ownerId());
        entity.put("enteredAt", row.enteredAt().toString());
        entity.put("leftAt", row.leftAt() == null ? null : row.leftAt().toString());
        entity.put("actualSeconds", row.actualSeconds());
        entity.put("standardSeconds", row.standardSeconds());
        entity.put("deviationSeconds", row.deviationSeconds());
        entity.put("status", row.status());
        entity.put("timeBasis", row.timeBasis());
        return entity;
    }

    /** Rule 11 rows of every pipeline (or the one filtered on), default window and rule, asOf now. */
    Result repStageRows(ODataQuery query) {
        if (key.repOwner().isPresent()) {
            throw new ODataException(403, "Forbidden", "A rep key does not read team-wide analytics.");
        }
        String pipelineId = equalTo(query.filter(), "pipelineId");
        List<String> ids = pipelineId != null ? List.of(pipelineId) : allPipelines().stream().map(PipelineView::id).toList();
        RepQueries.RepFilter filter = new RepQueries.RepFilter(equalTo(query.filter(), "ownerId"),
                equalTo(query.filter(), "stage"));
        AnalyticsWindow window = AnalyticsWindow.of(null, null, null, clock);
        PatternRule rule = PatternRule.of(null, null, null);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String id : ids) {
            for (RepStageRow row : analytics.reps(id, filter, window, rule)) {
                Map<String, Object> entity = new LinkedHashMap<>();
                entity.put("rowKey", row.pipelineId() + "|" + row.ownerId() + "|" + row.stage());
                entity.putAll(json.convertValue(row, Map.class));
                rows.add(entity);
            }
        }
        return slice(REP_STAGE_ROWS, query, rows);
    }

    Result pipelines(ODataQuery query) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PipelineView view : allPipelines()) {
            Map<String, Object> entity = new LinkedHashMap<>();
            entity.put("id", view.id());
            entity.put("name", view.name());
            entity.put("stageCount", view.stages().size());
            entity.put("autoHandoff", view.autoHandoff());
            entity.put("timeBasis", TimeBasis.of(pipelines.require(view.id()).calendar()).cell());
            entity.put("createdAt", view.createdAt().toString());
            entity.put("updatedAt", view.updatedAt().toString());
            rows.add(entity);
        }
        return slice(PIPELINES, query, rows);
    }

    /** The first 1,000 pipelines of the tenant (tenants have a handful). */
    private List<PipelineView> allPipelines() {
        return tenantPipelines.ids().stream().map(id -> pipelines.view(id).orElseThrow()).toList();
    }

    /** A small set built whole: filtered in memory, then one page from the offset in the token. */
    private Result slice(EntitySet set, ODataQuery query, List<Map<String, Object>> all) {
        List<Map<String, Object>> rows = all.stream().filter(row -> query.filter().stream().allMatch(term -> {
            Object value = row.get(term.field());
            int order = value == null ? -1 : value.toString().compareTo(term.value().toString());
            return switch (term.op()) {
                case EQ -> value != null && order == 0;
                case GE -> value != null && order >= 0;
                case LT -> value != null && order < 0;
            };
        })).sorted((a, b) -> a.get(set.key()).toString().compareTo(b.get(set.key()).toString())).toList();
        String scope = "odata\n" + set.name() + "\n" + query.filterText();
        int offset = query.skiptoken() == null ? 0 : (int) token(scope, query.skiptoken()).number(0);
        int size = Math.min(query.pageSize(), query.top() == null ? query.pageSize() : query.top()); // $top counts down page by page
        int end = Math.min(rows.size(), offset + size);
        List<Map<String, Object>> page = offset >= end ? List.of() : rows.subList(offset, end);
        boolean more = end < rows.size() && (query.top() == null || query.top() > size);
        String next = more ? cursors.sign(scope, end) : null;
        return new Result(page, next, query.count() ? (long) rows.size() : null);
    }

    private static String equalTo(List<Filter.Term> terms, String field) {
        return terms.stream().filter(t -> t.field().equals(field) && t.op() == Condition.Op.EQ)
                .map(t -> t.value().toString()).findFirst().orElse(null);
    }

    private Cursors.Position token(String scope, String token) {
        try {
            return cursors.verify(scope, token);
        } catch (RuntimeException e) {
            throw ODataException.badRequest("$skiptoken is not one this service issued for this $filter; follow "
                    + "@odata.nextLink unchanged.");
        }
    }
}
