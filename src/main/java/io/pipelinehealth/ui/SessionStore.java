package io.pipelinehealth.ui;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.identity.ApiKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of page sessions (V17). Callers run it inside the session's tenant (row-level security
 * shows no other tenant's rows); sessions are found by the SHA-256 of their id, never the id.
 */
@ApplicationScoped
class SessionStore {

    /** last_seen_at is written at most this often per session: pages should not each cost a write. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    @Inject AgroalDataSource dataSource;

    void insert(String tenant, String hash, String keyId, Instant now) {
        new NamedSql("""
                insert into ui_session (tenant_id, session_hash, key_id, created_at, last_seen_at)
                values (:tenant, :hash, :key, :now, :now)""")
                .set("tenant", tenant).set("hash", hash).set("key", keyId).set("now", now).update(dataSource);
    }

    /** The key of a live session: not idle too long, not too old, its key neither revoked nor expired. */
    Optional<ApiKey> find(String tenant, String hash, Instant now, UiConfig.Session limits) {
        NamedSql sql = new NamedSql("""
                select k.tenant_id, k.key_id, k.name, k.roles, k.owner_id, k.prefix, k.created_at, k.expires_at,
                       k.last_used_at, k.revoked_at, s.last_seen_at
                from ui_session s join api_key k on k.tenant_id = s.tenant_id and k.key_id = s.key_id
                where s.tenant_id = :tenant and s.session_hash = :hash
                  and s.last_seen_at > :idleSince and s.created_at > :bornSince
                  and k.revoked_at is null and (k.expires_at is null or k.expires_at > :now)""")
                .set("tenant", tenant).set("hash", hash).set("now", now)
                .set("idleSince", now.minus(limits.idle())).set("bornSince", now.minus(limits.absolute()));
        Optional<Live> live = sql.first(dataSource, row -> new Live(new ApiKey(row.getString(1), row.getString(2),
                row.getString(3), List.copyOf(Arrays.asList((String[]) row.getArray(4).getArray())), row.getString(5),
                row.getString(6), Jdbc.instant(row, 7), Jdbc.instant(row, 8), Jdbc.instant(row, 9),
                Jdbc.instant(row, 10)), Jdbc.instant(row, 11)));
        if (live.isPresent() && live.get().lastSeenAt().isBefore(now.minus(TOUCH_EVERY))) {
            touch(tenant, hash, now);
        }
        return live.map(Live::key);
    }

    private record Live(ApiKey key, Instant lastSeenAt) {
    }

    private void touch(String tenant, String hash, Instant now) {
        new NamedSql("""
                update ui_session set last_seen_at = :now where tenant_id = :tenant and session_hash = :hash""")
                .set("tenant", tenant).set("hash", hash).set("now", now).update(dataSource);
    }

    void delete(String tenant, String hash) {
        new NamedSql("delete from ui_session where tenant_id = :tenant and session_hash = :hash")
                .set("tenant", tenant).set("hash", hash).update(dataSource);
    }

    /** Ended sessions of the tenant; run at each sign-in so the table does not grow forever. */
    void deleteEnded(String tenant, Instant now, UiConfig.Session limits) {
        new NamedSql("""
                delete from ui_session where tenant_id = :tenant
                  and (last_seen_at <= :idleSince or created_at <= :bornSince)""")
                .set("tenant", tenant).set("idleSince", now.minus(limits.idle()))
                .set("bornSince", now.minus(limits.absolute())).update(dataSource);
    }
}
