package io.pipelinehealth.identity;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class TenantStore {

    private final AgroalDataSource dataSource;

    TenantStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** False when a tenant with this id exists already. */
    public boolean insert(Tenant tenant) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into tenant (tenant_id, name, created_at) values (?, ?, ?) on conflict do nothing")) {
            insert.setString(1, tenant.id());
            insert.setString(2, tenant.name());
            insert.setObject(3, Jdbc.timestamptz(tenant.createdAt()));
            return insert.executeUpdate() > 0;
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    public List<Tenant> page(String afterId, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select tenant_id, name, created_at from tenant where tenant_id > ? order by tenant_id limit ?")) {
            query.setString(1, afterId == null ? "" : afterId);
            query.setInt(2, limit);
            List<Tenant> tenants = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tenants.add(new Tenant(rows.getString(1), rows.getString(2), Jdbc.instant(rows, 3)));
                }
            }
            return tenants;
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }
}
