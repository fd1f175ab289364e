package io.pipelinehealth.identity;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The SQL of API keys. Keys are found by the SHA-256 of the key, never stored in clear. */
@ApplicationScoped
public class KeyStore {

    private static final String COLUMNS = """
            tenant_id, key_id, name, roles, owner_id, prefix, created_at, expires_at, last_used_at, revoked_at""";

    private final AgroalDataSource dataSource;

    KeyStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<ApiKey> findByHash(String hash) {
        List<ApiKey> keys = query("select " + COLUMNS + " from api_key where key_hash = ?", hash);
        return keys.stream().findFirst();
    }

    public List<ApiKey> page(String tenantId, String afterId, int limit) {
        return query("select " + COLUMNS + " from api_key where tenant_id = ? and key_id > ? order by key_id limit "
                + limit, tenantId, afterId == null ? "" : afterId);
    }

    public void insert(ApiKey key, String hash) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into api_key (" + COLUMNS
                        + ", key_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, key.tenantId());
            insert.setString(2, key.id());
            insert.setString(3, key.name());
            insert.setArray(4, connection.createArrayOf("text", key.roles().toArray()));
            insert.setString(5, key.ownerId());
            insert.setString(6, key.prefix());
            insert.setObject(7, Jdbc.timestamptz(key.createdAt()));
            insert.setObject(8, Jdbc.timestamptz(key.expiresAt()));
            insert.setObject(9, Jdbc.timestamptz(key.lastUsedAt()));
            insert.setObject(10, Jdbc.timestamptz(key.revokedAt()));
            insert.setString(11, hash);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /** Marks the key revoked (keeping the first revocation time); false if the tenant has no such key. */
    public boolean revoke(String tenantId, String keyId, Instant at) {
        return update("update api_key set revoked_at = coalesce(revoked_at, ?) where tenant_id = ? and key_id = ?",
                Jdbc.timestamptz(at), tenantId, keyId) > 0;
    }

    public void touch(String tenantId, String keyId, Instant at) {
        update("update api_key set last_used_at = ? where tenant_id = ? and key_id = ?", Jdbc.timestamptz(at),
                tenantId, keyId);
    }

    public boolean anyKey() {
        return !query("select " + COLUMNS + " from api_key limit 1").isEmpty();
    }

    /**
     * Makes the key with this id in this tenant the one with this hash, unrevoked, creating it if
     * needed; false when it already was (so nothing changed).
     */
    public boolean upsert(ApiKey key, String hash) {
        return update("""
                insert into api_key (tenant_id, key_id, name, roles, owner_id, prefix, created_at, key_hash)
                values (?, ?, ?, string_to_array(?, ','), null, ?, ?, ?)
                on conflict (tenant_id, key_id) do update
                    set key_hash = excluded.key_hash, prefix = excluded.prefix, roles = excluded.roles,
                        revoked_at = null, expires_at = null
                    where api_key.key_hash <> excluded.key_hash or api_key.revoked_at is not null
                        or api_key.expires_at is not null""",
                key.tenantId(), key.id(), key.name(), String.join(",", key.roles()), key.prefix(),
                Jdbc.timestamptz(key.createdAt()), hash) > 0;
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    private List<ApiKey> query(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<ApiKey> keys = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(key(rows));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    private static ApiKey key(ResultSet rows) throws SQLException {
        Array roles = rows.getArray(4);
        return new ApiKey(rows.getString(1), rows.getString(2), rows.getString(3),
                List.copyOf(Arrays.asList((String[]) roles.getArray())), rows.getString(5), rows.getString(6),
                Jdbc.instant(rows, 7), Jdbc.instant(rows, 8), Jdbc.instant(rows, 9), Jdbc.instant(rows, 10));
    }
}
