package io.pipelinehealth.common;

import io.pipelinehealth.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.NamedSql;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Random keys of the server itself, kept in {@code server_secret} (V7) so that every replica on
 * the database uses the same one: the first replica to need a key generates it, the others read it.
 */
public final class ServerSecrets {

    private ServerSecrets() {
    }

    /** The 32-byte key stored under this name, generated now if there is none yet. */
    public static byte[] getOrCreate(AgroalDataSource dataSource, String name) {
        byte[] candidate = new byte[32];
        new SecureRandom().nextBytes(candidate);
        // The first writer wins; every replica then reads the same row.
        try (Connection connection = dataSource.getConnection()) {
            new NamedSql("""
                    insert into server_secret (name, secret) values (:name, :secret) on conflict (name) do nothing""")
                    .set("name", name).set("secret", candidate).update(connection);
            return new NamedSql("select secret from server_secret where name = :name").set("name", name)
                    .first(connection, row -> row.getBytes(1)).orElseThrow();
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }
}
