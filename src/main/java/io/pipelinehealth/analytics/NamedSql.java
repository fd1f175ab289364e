package io.pipelinehealth.analytics;

import io.pipelinehealth.common.Jdbc;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.Stage;
import io.pipelinehealth.pipeline.StageKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL with {@code :name} parameters (a cast {@code ::type} is left alone), so the analytics
 * queries read top to bottom without counting question marks. Instants bind as timestamptz;
 * a pipeline binds its stages, in pipeline order, as the arrays {@code :stageKeys}, {@code :stageOrders},
 * {@code :stageKinds} and {@code :stageStandards}, read with {@link #STAGES}, and the keys of its LOST
 * stages as {@code :lostKeys}.
 */
final class NamedSql {

    /** The current definition as a relation: one row per stage. */
    static final String STAGES = """
            unnest(:stageKeys::text[], :stageOrders::int[], :stageKinds::text[], :stageStandards::bigint[])
                as s(key, ord, kind, standard_s)""";

    private static final Pattern NAME = Pattern.compile("(?<!:):([a-zA-Z][a-zA-Z0-9]*)");

    private record Array(String type, Object[] values) {
    }

    private final String sql;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Object> values = new HashMap<>();

    NamedSql(String namedSql) {
        Matcher matcher = NAME.matcher(namedSql);
        StringBuilder positional = new StringBuilder();
        while (matcher.find()) {
            names.add(matcher.group(1));
            matcher.appendReplacement(positional, "?");
        }
        matcher.appendTail(positional);
        this.sql = positional.toString();
    }

    NamedSql set(String name, Object value) {
        values.put(name, value);
        return this;
    }

    NamedSql stages(Pipeline pipeline) {
        List<Stage> stages = pipeline.stages().stream().sorted(Comparator.comparingInt(Stage::order)).toList();
        values.put("stageKeys", new Array("text", stages.stream().map(Stage::key).toArray()));
        values.put("stageOrders", new Array("integer", stages.stream().map(Stage::order).toArray()));
        values.put("stageKinds", new Array("text", stages.stream().map(s -> s.kind().name()).toArray()));
        values.put("stageStandards", new Array("bigint", stages.stream().map(Stage::standardSeconds).toArray()));
        values.put("lostKeys", new Array("text", stages.stream().filter(s -> s.kind() == StageKind.LOST).map(Stage::key)
                .toArray()));
        return this;
    }

    PreparedStatement prepare(Connection connection) throws SQLException {
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
}
