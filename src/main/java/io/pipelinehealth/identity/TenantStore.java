package io.pipelinehealth.identity;

import io.pipelinehealth.db.NamedSql;
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
                PreparedStatement insert = new NamedSql("""
                        insert into tenant (tenant_id, name, created_at) values (:tenant, :name, :createdAt)
                        on conflict do nothing""").set("tenant", tenant.id()).set("name", tenant.name())
                        .set("createdAt", tenant.createdAt()).prepare(connection)) {
            return insert.executeUpdate() > 0;
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    public List<Tenant> page(String afterId, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = new NamedSql(
                        "select tenant_id, name, created_at from tenant where tenant_id > :after order by tenant_id limit :limit")
                        .set("after", afterId == null ? "" : afterId).set("limit", limit).prepare(connection)) {
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
