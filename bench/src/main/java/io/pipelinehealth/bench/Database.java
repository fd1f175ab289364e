package io.pipelinehealth.bench;

import io.pipelinehealth.bench.Generator.Event;
import io.pipelinehealth.bench.Generator.PipelineDef;
import io.pipelinehealth.bench.Generator.Stage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** The raw-PostgreSQL side: the plain events table, COPY, and the analyst's SQL files. */
final class Database {

    static final String COPY = "COPY bench_event (event_id, opportunity_id, pipeline_id, stage, occurred_at,"
            + " owner_id, amount, currency, attributes) FROM STDIN (FORMAT csv)";
    private static final Pattern PARAM = Pattern.compile(":'([a-z_]+)'");

    private final Config config;

    Database(Config config) {
        this.config = config;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl, config.dbUser, config.dbPassword);
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    String scalar(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    void createSchema(List<PipelineDef> pipelines) throws SQLException, IOException {
        execute(Files.readString(Path.of(config.sqlDir, "schema.sql")));
        try (Connection c = connect();
                PreparedStatement stage = c.prepareStatement("insert into bench_stage (pipeline_id, stage,"
                        + " stage_order, kind, standard_s) values (?, ?, ?, ?, ?)");
                PreparedStatement override = c.prepareStatement("insert into bench_stage_override"
                        + " (pipeline_id, stage, region, standard_s) values (?, ?, 'emea', ?)")) {
            for (PipelineDef p : pipelines) {
                for (Stage s : p.stages()) {
                    stage.setString(1, p.id());
                    stage.setString(2, s.key());
                    stage.setInt(3, s.order());
                    stage.setString(4, s.kind());
                    stage.setObject(5, s.open() ? s.standardS() : null, java.sql.Types.BIGINT);
                    stage.addBatch();
                }
                Stage second = p.stages().get(1);
                override.setString(1, p.id());
                override.setString(2, second.key());
                override.setLong(3, second.standardS() * 3 / 2);
                override.addBatch();
            }
            stage.executeBatch();
            override.executeBatch();
        }
    }

    /** COPY of pre-rendered CSV on one connection; answers the rows copied. */
    long copy(Connection c, String csv) throws SQLException, IOException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        return copy.copyIn(COPY, new StringReader(csv));
    }

    /** COPY streamed from the generator in chunks, all in one COPY statement. */
    long copyStream(Generator.Slice slice) throws SQLException {
        try (Connection c = connect()) {
            var in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            List<Event> chunk;
            while (!(chunk = slice.take(10_000)).isEmpty()) {
                byte[] bytes = Formats.copyCsv(chunk).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                in.writeToCopy(bytes, 0, bytes.length);
            }
            return in.endCopy();
        }
    }

    /** A bench/sql file with psql variables (:'name') turned into JDBC parameters. */
    record Query(String name, String sql, List<String> params) {
        int run(Connection c, Map<String, String> values) throws SQLException {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    s.setString(i + 1, values.get(params.get(i)));
                }
                int rows = 0;
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows++;
                    }
                }
                return rows;
            }
        }
    }

    Query query(String name) throws IOException {
        String text = Files.readString(Path.of(config.sqlDir, name + ".sql")).trim();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1);
        }
        List<String> params = new ArrayList<>();
        Matcher m = PARAM.matcher(text);
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            params.add(m.group(1));
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        return new Query(name, sql.toString(), params);
    }

    /** The statements where PostgreSQL spent most time (needs pg_stat_statements preloaded). */
    List<String> topStatements(int n) {
        List<String> lines = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select calls, round(total_exec_time) as total_ms,"
                        + " round((total_exec_time / calls)::numeric, 2) as mean_ms, rows,"
                        + " regexp_replace(left(query, 110), '\\s+', ' ', 'g')"
                        + " from pg_stat_statements where query not ilike '%pg_stat_statements%'"
                        + " order by total_exec_time desc limit " + n)) {
            while (r.next()) {
                lines.add("| " + r.getLong(1) + " | " + r.getLong(2) + " | " + r.getString(3) + " | "
                        + r.getLong(4) + " | `" + r.getString(5).replace("|", "\\|") + "` |");
            }
        } catch (SQLException e) {
            lines.add("| pg_stat_statements not available: " + e.getMessage().split("\n")[0] + " | | | | |");
        }
        return lines;
    }
}
