package io.pipelinehealth.db;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.standardPipeline;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.PageRequest;
import io.pipelinehealth.common.TenantContext;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.identity.Bootstrap;
import io.pipelinehealth.pipeline.PipelineDocument;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.pipeline.PipelineView;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fail closed: work that has neither a key nor an explicit tenant (a background path that forgot
 * its {@link TenantContext}) gets no tenant at all, not some default one. Its connections carry
 * an empty tenant setting, its reads see no row, and its writes are refused by row-level security.
 * The data is made and checked through HTTP with the test key (tenant "default"); only the
 * forgetful calls go to the beans directly, as background code would.
 */
@QuarkusTest
class FailClosedTest {

    @Inject
    TenantResolver tenants;

    @Inject
    PipelineService pipelines;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Test
    void workWithoutATenantSeesAndWritesNothing() {
        String existing = createStandardPipeline();
        String o = unique("o");
        post(history(o, existing, "ana", "qualify", "2026-01-01T00:00:00Z", "discover", "2026-01-05T00:00:00Z"))
                .statusCode(200);

        assertEquals(TenantResolver.NO_TENANT, tenants.currentTenant());
        assertEquals("", setting(), "the connection's tenant setting outside any tenant");

        // reads see nothing, though the tenant has a pipeline and stored events
        assertEquals(List.of(), pipelines.list(PageRequest.firstPage(100)).items());
        assertTrue(pipelines.find(existing).isEmpty());
        assertTrue(pipelines.view(existing).isEmpty());
        assertEquals(0L, count("select count(*) from transition_event"));
        assertEquals(0L, count("select count(*) from pipeline"));

        // writes are refused: nothing is stored anywhere
        String created = unique("std");
        PipelineDocument document = json.convertValue(standardPipeline(List.of()), PipelineDocument.class);
        RuntimeException refused = assertThrows(RuntimeException.class, () -> pipelines.put(created, document));
        assertTrue(String.valueOf(rootMessage(refused)).contains("row-level security"), rootMessage(refused));
        given().get("/api/v1/pipelines/{id}", created).then().statusCode(404);

        // the same calls with the tenant set explicitly (the control: the rows are there)
        List<String> seen = TenantContext.call(Bootstrap.TENANT,
                () -> pipelines.list(PageRequest.firstPage(1000)).items().stream().map(PipelineView::id).toList());
        assertTrue(seen.contains(existing), seen.toString());
        assertEquals(Bootstrap.TENANT, TenantContext.call(Bootstrap.TENANT, this::setting));
        assertTrue(TenantContext.call(Bootstrap.TENANT, () -> count("select count(*) from transition_event")) >= 2);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private String setting() {
        return query("select current_setting('" + TenantSession.TENANT_SETTING + "', true)");
    }

    private long count(String sql) {
        return Long.parseLong(query(sql));
    }

    private String query(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
