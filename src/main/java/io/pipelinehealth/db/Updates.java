package io.pipelinehealth.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs a statement that answers no rows (insert, update, delete), in the caller's transaction if any. */
public final class Updates {

    private Updates() {
    }

    /** The number of rows the statement changed. */
    public static int run(DataSource dataSource, NamedSql sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = sql.prepare(connection)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }
}
