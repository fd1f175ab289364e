package io.pipelinehealth.identity;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of API keys. Keys are found by the SHA-256 of the key, never stored in clear.
 * <p>
 * Not a Panache entity like tenants, connectors and webhook subscriptions: a key is looked up by
 * its hash before any tenant is known, on the authentication path of every request that misses the
 * cache, outside any transaction or request scope an entity session would need; and the
 * bootstrap key is written with {@code on conflict} clauses (insert if absent for concurrent first
 * starts of several replicas, upsert for a changed configured key) that a persisted entity would
 * turn into a failed transaction.
 */
@ApplicationScoped
public class KeyStore {

    private static final String COLUMNS = """
            tenant_id, key_id, name, roles, owner_id, prefix, created_at, expires_at, last_used_at, revoked_at""";

    @Inject AgroalDataSource dataSource;

    public Optional<ApiKey> findByHash(String hash) {
        List<ApiKey> keys = query(new NamedSql("select " + COLUMNS + " from api_key where key_hash = :hash")
                .set("hash", hash));
        return keys.stream().findFirst();
    }

    public List<ApiKey> page(String tenantId, String afterId, int limit) {
        return query(new NamedSql("select " + COLUMNS
                + " from api_key where tenant_id = :tenant and key_id > :after order by key_id limit :limit")
                .set("tenant", tenantId).set("after", afterId == null ? "" : afterId).set("limit", limit));
    }

    public void insert(ApiKey key, String hash) {
        new NamedSql("insert into api_key (" + COLUMNS + """
                , key_hash)
                values (:tenant, :id, :name, :roles, :owner, :prefix, :createdAt, :expiresAt, :lastUsedAt, :revokedAt,
                    :hash)""").set("tenant", key.tenantId()).set("id", key.id()).set("name", key.name())
                .array("roles", "text", key.roles().toArray()).set("owner", key.ownerId()).set("prefix", key.prefix())
                .set("createdAt", key.createdAt()).set("expiresAt", key.expiresAt())
                .set("lastUsedAt", key.lastUsedAt()).set("revokedAt", key.revokedAt()).set("hash", hash)
                .update(dataSource);
    }

    /** Inserts the key unless this tenant has one with its id; false when it had (nothing changed). */
    public boolean insertIfAbsent(ApiKey key, String hash) {
        return bootstrapInsert(key, hash, "do nothing").update(dataSource) > 0;
    }

    /** Marks the key revoked (keeping the first revocation time); false if the tenant has no such key. */
    public boolean revoke(String tenantId, String keyId, Instant at) {
        return new NamedSql("""
                update api_key set revoked_at = coalesce(revoked_at, :at) where tenant_id = :tenant and key_id = :id""")
                .set("at", at).set("tenant", tenantId).set("id", keyId).update(dataSource) > 0;
    }

    /**
     * Takes the write locks of api_key before a new tenant's rows are written: an empty update (no
     * key has an empty id). On Citus, where both are reference tables, a write of api_key locks its
     * shard and then tenant's (the foreign key), so the last-used writes ({@link #touch}) lock in
     * that order; a new tenant's insert locked tenant first, then api_key for its first key, and the
     * two deadlocked (seen in CI's Citus stage). A no-op on PostgreSQL.
     */
    public void lockBeforeNewTenant(String tenantId) {
        new NamedSql("update api_key set last_used_at = last_used_at where tenant_id = :tenant and key_id = ''")
                .set("tenant", tenantId).update(dataSource);
    }

    public void touch(String tenantId, String keyId, Instant at) {
        new NamedSql("update api_key set last_used_at = :at where tenant_id = :tenant and key_id = :id")
                .set("at", at).set("tenant", tenantId).set("id", keyId).update(dataSource);
    }

    public boolean anyKey() {
        return !query(new NamedSql("select " + COLUMNS + " from api_key limit 1")).isEmpty();
    }

    /**
     * Makes the key with this id in this tenant the one with this hash, unrevoked, creating it if
     * needed; false when it already was (so nothing changed).
     */
    public boolean upsert(ApiKey key, String hash) {
        return bootstrapInsert(key, hash, """
                do update
                    set key_hash = excluded.key_hash, prefix = excluded.prefix, roles = excluded.roles,
                        revoked_at = null, expires_at = null
                    where api_key.key_hash <> excluded.key_hash or api_key.revoked_at is not null
                        or api_key.expires_at is not null""").update(dataSource) > 0;
    }

    /** An insert of an ownerless key that meets an existing id with {@code onConflict}. */
    private static NamedSql bootstrapInsert(ApiKey key, String hash, String onConflict) {
        return new NamedSql("""
                insert into api_key (tenant_id, key_id, name, roles, owner_id, prefix, created_at, key_hash)
                values (:tenant, :id, :name, :roles, null, :prefix, :createdAt, :hash)
                on conflict (tenant_id, key_id) """ + onConflict)
                .set("tenant", key.tenantId()).set("id", key.id()).set("name", key.name())
                .array("roles", "text", key.roles().toArray()).set("prefix", key.prefix())
                .set("createdAt", key.createdAt()).set("hash", hash);
    }

    private List<ApiKey> query(NamedSql sql) {
        return sql.list(dataSource, KeyStore::key);
    }

    private static ApiKey key(ResultSet rows) throws SQLException {
        Array roles = rows.getArray(4);
        return new ApiKey(rows.getString(1), rows.getString(2), rows.getString(3),
                List.copyOf(Arrays.asList((String[]) roles.getArray())), rows.getString(5), rows.getString(6),
                Jdbc.instant(rows, 7), Jdbc.instant(rows, 8), Jdbc.instant(rows, 9), Jdbc.instant(rows, 10));
    }
}
