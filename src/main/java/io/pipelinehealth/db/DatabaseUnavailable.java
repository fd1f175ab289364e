package io.pipelinehealth.db;

import java.sql.SQLException;
import java.util.Set;

/**
 * Whether a failure means PostgreSQL is down, restarting or refusing connections (rather than a
 * fault of the request or of the service); every endpoint then answers 503
 * {@code database-unavailable} with {@code Retry-After} ({@code common.Problem.databaseUnavailable}). Recognised by the SQLSTATE the driver
 * reports anywhere in the cause chain: class 08 (connection exceptions: refused, broken, closed),
 * 57P01/57P02/57P03 (the server is shutting down, crashed or starting up) and 53300 (too many
 * connections).
 */
public final class DatabaseUnavailable {

    /** Seconds a client should wait before it retries. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof SQLException sql && unavailable(sql)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof SQLException sql && unavailable(sql)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean unavailable(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            String state = next.getSQLState();
            if (state != null && (state.startsWith("08") || STATES.contains(state))) {
                return true;
            }
        }
        return false;
    }
}
