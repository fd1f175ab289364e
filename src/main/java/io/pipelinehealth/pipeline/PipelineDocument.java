package io.pipelinehealth.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a pipeline definition, as clients send it and as it is stored. Fields are
 * loosely typed (durations and kinds as strings) so that validation can name every bad field
 * instead of failing on the first one.
 */
public record PipelineDocument(String name, List<StageDocument> stages, List<OverrideDocument> overrides,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean autoHandoff,
        @JsonInclude(JsonInclude.Include.NON_NULL) CalendarDocument calendar) {

    /** Issue 4: frozen deals of this pipeline are handed to nurturing by the frozen scan itself. */
    public boolean automaticHandoff() {
        return Boolean.TRUE.equals(autoHandoff);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StageDocument(
            String key,
            String name,
            String kind,
            String standard,
            BigDecimal rushedBelow,
            BigDecimal slowAbove,
            String frozenAfter) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OverrideDocument(
            Map<String, String> when,
            String stage,
            String standard,
            BigDecimal rushedBelow,
            BigDecimal slowAbove,
            String frozenAfter) {
    }

    /** Issue 12: working time (DOMAIN rule 15); kept and shown exactly as sent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CalendarDocument(String zone, List<String> workdays, HoursDocument hours, List<String> holidays) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HoursDocument(String from, String to) {
    }
}
