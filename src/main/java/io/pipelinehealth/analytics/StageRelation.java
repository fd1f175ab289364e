package io.pipelinehealth.analytics;

import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.Stage;
import io.pipelinehealth.pipeline.StageKind;
import java.util.Comparator;
import java.util.List;

/**
 * A pipeline's current stages as a relation inside analytics SQL: {@link #SQL} reads the arrays
 * {@code :stageKeys}, {@code :stageOrders}, {@code :stageKinds} and {@code :stageStandards} (in
 * pipeline order) that {@link #bind} sets, one row per stage; {@code :lostKeys} holds the keys of
 * its LOST stages.
 */
final class StageRelation {

    static final String SQL = """
            unnest(:stageKeys::text[], :stageOrders::int[], :stageKinds::text[], :stageStandards::bigint[])
                as s(key, ord, kind, standard_s)""";

    private StageRelation() {
    }

    static NamedSql bind(NamedSql sql, Pipeline pipeline) {
        List<Stage> stages = pipeline.stages().stream().sorted(Comparator.comparingInt(Stage::order)).toList();
        return sql.array("stageKeys", "text", stages.stream().map(Stage::key).toArray())
                .array("stageOrders", "integer", stages.stream().map(Stage::order).toArray())
                .array("stageKinds", "text", stages.stream().map(s -> s.kind().name()).toArray())
                .array("stageStandards", "bigint", stages.stream().map(Stage::standardSeconds).toArray())
                .array("lostKeys", "text", stages.stream().filter(s -> s.kind() == StageKind.LOST).map(Stage::key).toArray());
    }
}
