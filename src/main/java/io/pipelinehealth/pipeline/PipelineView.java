package io.pipelinehealth.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pipelinehealth.pipeline.PipelineDocument.CalendarDocument;
import io.pipelinehealth.pipeline.PipelineDocument.OverrideDocument;
import io.pipelinehealth.pipeline.PipelineDocument.StageDocument;
import java.time.Instant;
import java.util.List;

/** A stored pipeline as the API shows it: the definition with defaults filled in. */
public record PipelineView(
        String id,
        String name,
        List<StageDocument> stages,
        List<OverrideDocument> overrides,
        boolean autoHandoff,
        @JsonInclude(JsonInclude.Include.NON_NULL) CalendarDocument calendar,
        Instant createdAt,
        Instant updatedAt) {

    static PipelineView of(PipelineStore.Row row, PipelineDocument document, Pipeline pipeline) {
        List<StageDocument> stages = pipeline.stages().stream().map(stage -> {
            StageDocument sent = document.stages().get(stage.order());
            return new StageDocument(stage.key(), stage.name(), stage.kind().name(), sent.standard(),
                    stage.rushedBelow(), stage.slowAbove(), sent.frozenAfter());
        }).toList();
        return new PipelineView(row.pipelineId(), pipeline.name(), stages,
                document.overrides() == null ? List.of() : document.overrides(), document.automaticHandoff(), document.calendar(),
                row.createdAt(), row.updatedAt());
    }
}
