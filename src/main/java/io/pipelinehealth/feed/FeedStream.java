package io.pipelinehealth.feed;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The rows of one feed query as they come from PostgreSQL: a read-only transaction whose cursor
 * PgJDBC reads {@code fetchSize} rows at a time, so a page of any size is held a batch at a time
 * and written to the response as it is read. Closing ends the transaction and returns the
 * connection.
 */
final class FeedStream implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final int attributes;
    private final boolean json;

    private FeedStream(Connection connection, PreparedStatement statement, ResultSet rows) throws SQLException {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        // the columns after the 15 fixed ones: the attribute values asked for, or one JSON text
        this.attributes = rows.getMetaData().getColumnCount() - 15;
        this.json = attributes == 1 && "attributes".equals(rows.getMetaData().getColumnLabel(16));
    }

    static FeedStream open(AgroalDataSource dataSource, NamedSql sql, int fetchSize) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            // a cursor (fetch size) lives in a transaction only
            connection.setAutoCommit(false);
            PreparedStatement statement = sql.prepare(connection);
            statement.setFetchSize(fetchSize);
            return new FeedStream(connection, statement, statement.executeQuery());
        } catch (SQLException e) {
            close(connection);
            throw Jdbc.failure(e);
        }
    }

    /** The next row, or null after the last. */
    FeedStored next() {
        try {
            if (!rows.next()) {
                return null;
            }
            String key = rows.getString(1);
            if (rows.getBoolean(2)) {
                return FeedStored.tombstone(key);
            }
            String text = null;
            String[] values = null;
            if (json) {
                text = rows.getString(16);
            } else {
                values = new String[attributes];
                for (int i = 0; i < attributes; i++) {
                    values[i] = rows.getString(16 + i);
                }
            }
            return new FeedStored(key, false, rows.getString(3), rows.getString(4), rows.getString(5),
                    rows.getString(6), rows.getString(7), instant(8), instant(9), rows.getLong(10),
                    number(11), number(12), number(13), rows.getString(14), number(15), text, values);
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /** An instant the query sent as epoch microseconds. */
    private Instant instant(int column) throws SQLException {
        long micros = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private Long number(int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    @Override
    public void close() {
        try {
            rows.close();
            statement.close();
        } catch (SQLException e) {
            // the connection's close below ends the statement too
        }
        close(connection);
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            try {
                connection.rollback(); // it wrote nothing; this ends the cursor's transaction
                connection.setAutoCommit(true);
            } finally {
                connection.close();
            }
        } catch (SQLException e) {
            // a broken connection: the pool drops it
        }
    }
}
