package io.pipelinehealth.common;

import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The tenants background work visits, one by one under row-level security: the rows of the
 * {@code tenant} table, which has no row-level security (every tenant is created there, V4 and
 * V9). A round costs one small query per tenant.
 */
@ApplicationScoped
public class TenantDirectory {

    @Inject AgroalDataSource dataSource;

    public List<String> tenants() {
        List<String> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = new NamedSql("select tenant_id from tenant order by tenant_id")
                        .prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                result.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        return result;
    }

    /** Runs the work once per tenant with that tenant set ({@link TenantContext}); answers the sum of its counts. */
    public int forEachTenant(ToIntFunction<String> work) {
        int total = 0;
        for (String tenant : tenants()) {
            total += TenantContext.call(tenant, () -> work.applyAsInt(tenant));
        }
        return total;
    }
}
