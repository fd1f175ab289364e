package io.pipelinehealth.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Rep and stage rows as the analytics statements return them, whether from the visits or the summary. */
final class AnalyticsRows {

    private AnalyticsRows() {
    }

    static RepStageRow.Figures figures(ResultSet result, String pipelineId) throws SQLException {
        return new RepStageRow.Figures(result.getString("owner_id"), pipelineId, result.getString("stage"),
                result.getLong("closed_visits"), result.getLong("on_track"), result.getLong("rushed"),
                result.getLong("slow"), result.getLong("skipped"), result.getBigDecimal("median"),
                result.getBigDecimal("mean"), result.getBigDecimal("p90"), result.getLong("open_visits"),
                result.getLong("frozen"));
    }

    static StageAnalyticsRow stage(ResultSet result) throws SQLException {
        return new StageAnalyticsRow(result.getString("stage"), result.getLong("standard_s"),
                result.getLong("closed_visits"), result.getBigDecimal("p50"), result.getBigDecimal("p75"),
                result.getBigDecimal("p90"), result.getLong("rushed"), result.getLong("slow"),
                result.getLong("skipped"), result.getLong("open_visits"), result.getLong("frozen"),
                result.getBigDecimal("conversion_rate"));
    }
}
