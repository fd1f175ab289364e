package io.pipelinehealth.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * SQL with {@code :name} parameters (a cast {@code ::type} is left alone): the one way the stores
 * bind SQL, so a query reads top to bottom without counting question marks, and a reordered line
 * cannot put a value in the wrong column. Instants bind as timestamptz; {@link #array} binds a
 * Java array as a PostgreSQL array of the given element type (for {@code unnest} of many rows in
 * one statement). A name without a value fails before anything is sent.
 */
public final class NamedSql {

    /** A {@code :name} parameter (group 1 the name); a cast {@code ::type} is not one. */
    public static final Pattern PARAMETER = Pattern.compile("(?<!:):([a-zA-Z][a-zA-Z0-9]*)");

    private record Array(String type, Object[] values) {
    }

    private final String sql;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Object> values = new HashMap<>();

    public NamedSql(String namedSql) {
        Matcher matcher = PARAMETER.matcher(namedSql);
        StringBuilder positional = new StringBuilder();
        while (matcher.find()) {
            names.add(matcher.group(1));
            matcher.appendReplacement(positional, "?");
        }
        matcher.appendTail(positional);
        this.sql = positional.toString();
    }

    public NamedSql set(String name, Object value) {
        values.put(name, value);
        return this;
    }

    /** Binds {@code values} as an array of {@code elementType} (a PostgreSQL type name such as "text"). */
    public NamedSql array(String name, String elementType, Object[] values) {
        values.getClass(); // arrays only: a null array is a bug of the caller, not SQL NULL
        this.values.put(name, new Array(elementType, values));
        return this;
    }

    public PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!values.containsKey(name)) {
                throw new IllegalStateException("no value for :" + name);
            }
            Object value = values.get(name);
            if (value instanceof Instant instant) {
                statement.setObject(i + 1, Jdbc.timestamptz(instant));
            } else if (value instanceof Array array) {
                statement.setArray(i + 1, connection.createArrayOf(array.type(), array.values()));
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }

    /** Reads one value from the current row of a result. */
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Takes in the current row of a result (into a map, a builder). */
    public interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }

    /*
     * The runners: a query's rows, its first row, or an update's count, on a connection of their own
     * (in the caller's transaction if there is one) or on one the caller holds (a snapshot, a lock, a
     * SET LOCAL). They are the one way the service runs a statement; only what needs the statement
     * itself makes one: a fetch size (feed.FeedStream), COPY (feed.FeedCopy, TransitionStore.stage),
     * and plain SQL without parameters sent in one round trip (the SET LOCALs of db.TenantSession and
     * feed.FeedCopy, the staging table's DO block).
     */

    /** Every row, read by {@code reader}. */
    public <T> List<T> list(DataSource dataSource, RowReader<T> reader) {
        List<T> values = new ArrayList<>();
        each(dataSource, row -> values.add(reader.read(row)));
        return values;
    }

    /** Every row, read by {@code reader}, on the caller's connection. */
    public <T> List<T> list(Connection connection, RowReader<T> reader) throws SQLException {
        List<T> values = new ArrayList<>();
        each(connection, row -> values.add(reader.read(row)));
        return values;
    }

    /** Hands every row to {@code consumer}. */
    public void each(DataSource dataSource, RowConsumer consumer) {
        try (Connection connection = dataSource.getConnection()) {
            each(connection, consumer);
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /** Hands every row to {@code consumer}, on the caller's connection. */
    public void each(Connection connection, RowConsumer consumer) throws SQLException {
        try (PreparedStatement query = prepare(connection); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                consumer.accept(rows);
            }
        }
    }

    /** The first row, read by {@code reader}, or empty when there is none (or {@code reader} reads null). */
    public <T> Optional<T> first(DataSource dataSource, RowReader<T> reader) {
        try (Connection connection = dataSource.getConnection()) {
            return first(connection, reader);
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /** The first row, read by {@code reader}, on the caller's connection. */
    public <T> Optional<T> first(Connection connection, RowReader<T> reader) throws SQLException {
        try (PreparedStatement query = prepare(connection); ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.ofNullable(reader.read(rows)) : Optional.empty();
        }
    }

    /** The number of rows an insert, update or delete changed. */
    public int update(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return update(connection);
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /** The number of rows an insert, update or delete changed, on the caller's connection. */
    public int update(Connection connection) throws SQLException {
        try (PreparedStatement statement = prepare(connection)) {
            return statement.executeUpdate();
        }
    }

    /** The first column of every row. */
    public List<String> strings(DataSource dataSource) {
        return list(dataSource, row -> row.getString(1));
    }

    /** The first two columns of every row as keys and values, in row order (the values are not null). */
    public Map<String, String> pairs(DataSource dataSource) {
        Map<String, String> pairs = new LinkedHashMap<>();
        each(dataSource, row -> pairs.put(row.getString(1), row.getString(2)));
        return pairs;
    }
}
