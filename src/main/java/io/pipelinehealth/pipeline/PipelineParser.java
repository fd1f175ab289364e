package io.pipelinehealth.pipeline;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.Ids;
import io.pipelinehealth.common.Text;
import io.pipelinehealth.pipeline.PipelineDocument.OverrideDocument;
import io.pipelinehealth.pipeline.PipelineDocument.StageDocument;
import io.pipelinehealth.worktime.WorkCalendar;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a pipeline document into a {@link Pipeline}, naming every field that is wrong. */
public final class PipelineParser {

    /** Pipeline and stage names; override values are attribute values and share their limit. */
    static final int MAX_NAME = 256;
    public static final int MAX_ATTRIBUTE_VALUE = 1024;

    private final List<FieldError> errors = new ArrayList<>();
    /** What one declared day is worth: a working day with a calendar (rule 15), else 24 hours. */
    private long dayLength = 86_400;

    private PipelineParser() {
    }

    public static Pipeline parse(String id, PipelineDocument document) {
        return new PipelineParser().run(id, document);
    }

    private Pipeline run(String id, PipelineDocument document) {
        String idProblem = Ids.problem(id);
        if (idProblem != null) {
            error("pipelineId", idProblem);
        }
        if (document == null) {
            throw invalid(List.of(new FieldError(null, null, "body", "a pipeline definition is required")));
        }
        text("name", document.name(), MAX_NAME);
        WorkCalendar calendar = CalendarParser.parse(document.calendar(), errors);
        if (calendar != null) {
            dayLength = calendar.dayLengthSeconds();
        }
        List<Stage> stages = stages(document.stages());
        List<StageOverride> overrides = overrides(document.overrides(), stages);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new Pipeline(id, document.name() == null ? id : document.name(), stages, overrides, calendar);
    }

    private List<Stage> stages(List<StageDocument> documents) {
        List<Stage> stages = new ArrayList<>();
        if (documents == null || documents.isEmpty()) {
            error("stages", "at least one stage is required");
            return stages;
        }
        Set<String> keys = new HashSet<>();
        boolean anyOpen = false;
        for (int i = 0; i < documents.size(); i++) {
            String at = "stages[" + i + "]";
            StageDocument doc = documents.get(i);
            if (doc == null) {
                error(at, "must be an object");
                continue;
            }
            String keyProblem = Ids.problem(doc.key());
            if (keyProblem != null) {
                error(at + ".key", keyProblem);
            } else if (!keys.add(doc.key())) {
                error(at + ".key", "duplicate stage key " + Text.quote(doc.key()));
            }
            text(at + ".name", doc.name(), MAX_NAME);
            StageKind kind = kind(at, doc.kind());
            if (kind == StageKind.OPEN) {
                anyOpen = true;
                Long standard = doc.standard() == null ? missing(at + ".standard") : duration(at + ".standard", doc.standard());
                BigDecimal rushed = doc.rushedBelow() == null ? Stage.DEFAULT_RUSHED_BELOW : doc.rushedBelow();
                BigDecimal slow = doc.slowAbove() == null ? Stage.DEFAULT_SLOW_ABOVE : doc.slowAbove();
                checkBands(at, rushed, slow);
                Long frozen = doc.frozenAfter() == null ? null : duration(at + ".frozenAfter", doc.frozenAfter());
                stages.add(new Stage(doc.key(), nameOr(doc.name(), doc.key()), kind, i, standard, rushed, slow, frozen));
            } else {
                if (doc.standard() != null || doc.rushedBelow() != null || doc.slowAbove() != null || doc.frozenAfter() != null) {
                    error(at, "a " + kind + " stage is terminal and takes no standard, bands or frozenAfter");
                }
                stages.add(new Stage(doc.key(), nameOr(doc.name(), doc.key()), kind == null ? StageKind.OPEN : kind,
                        i, null, null, null, null));
            }
        }
        if (!anyOpen) {
            error("stages", "at least one stage must be of kind OPEN");
        }
        return stages;
    }

    private List<StageOverride> overrides(List<OverrideDocument> documents, List<Stage> stages) {
        List<StageOverride> overrides = new ArrayList<>();
        if (documents == null) {
            return overrides;
        }
        Map<String, Stage> byKey = new LinkedHashMap<>();
        stages.forEach(stage -> byKey.put(stage.key(), stage));
        for (int i = 0; i < documents.size(); i++) {
            String at = "overrides[" + i + "]";
            OverrideDocument doc = documents.get(i);
            if (doc == null) {
                error(at, "must be an object");
                continue;
            }
            Stage stage = byKey.get(doc.stage());
            if (stage == null) {
                error(at + ".stage", Text.quote(doc.stage()) + " is not a stage of this pipeline");
            } else if (stage.kind().terminal()) {
                error(at + ".stage", Text.quote(doc.stage()) + " is a terminal stage and has no standard");
            }
            if (doc.when() == null || doc.when().isEmpty()) {
                error(at + ".when", "at least one attribute pair is required");
            }
            boolean nullValue = doc.when() != null && doc.when().values().stream().anyMatch(v -> v == null);
            if (nullValue) {
                error(at + ".when", "attribute values must be strings");
            } else if (doc.when() != null) {
                doc.when().forEach((key, value) -> {
                    String keyProblem = Ids.problem(key);
                    if (keyProblem != null) {
                        error(at + ".when", "attribute key " + keyProblem);
                    } else {
                        text(at + ".when." + key, value, MAX_ATTRIBUTE_VALUE);
                    }
                });
            }
            Long standard = doc.standard() == null ? null : duration(at + ".standard", doc.standard());
            Long frozen = doc.frozenAfter() == null ? null : duration(at + ".frozenAfter", doc.frozenAfter());
            if (stage != null && !stage.kind().terminal()) {
                checkBands(at,
                        doc.rushedBelow() == null ? stage.rushedBelow() : doc.rushedBelow(),
                        doc.slowAbove() == null ? stage.slowAbove() : doc.slowAbove());
            }
            overrides.add(new StageOverride(doc.when() == null || nullValue ? Map.of() : Map.copyOf(doc.when()), doc.stage(),
                    standard, doc.rushedBelow(), doc.slowAbove(), frozen));
        }
        return overrides;
    }

    private StageKind kind(String at, String kind) {
        if (kind == null) {
            return StageKind.OPEN;
        }
        try {
            return StageKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            error(at + ".kind", "must be OPEN, WON or LOST, not " + Text.quote(kind));
            return null;
        }
    }

    /** Rule 8: {@code 0 < rushedBelow < 1 < slowAbove}, at most two decimals each. */
    private void checkBands(String at, BigDecimal rushed, BigDecimal slow) {
        if (rushed == null || slow == null) {
            return;
        }
        if (rushed.stripTrailingZeros().scale() > 2) {
            error(at + ".rushedBelow", "at most two decimals");
        }
        if (slow.stripTrailingZeros().scale() > 2) {
            error(at + ".slowAbove", "at most two decimals");
        }
        if (rushed.signum() <= 0 || rushed.compareTo(BigDecimal.ONE) >= 0) {
            error(at + ".rushedBelow", "must be greater than 0 and less than 1, not " + rushed.toPlainString());
        }
        if (slow.compareTo(BigDecimal.ONE) <= 0 || slow.compareTo(new BigDecimal("1000")) >= 0) {
            error(at + ".slowAbove", "must be greater than 1 (and below 1000), not " + slow.toPlainString());
        }
    }

    private Long duration(String field, String text) {
        try {
            return DayTimeDuration.parseSeconds(text, dayLength);
        } catch (IllegalArgumentException e) {
            error(field, e.getMessage());
            return null;
        }
    }

    private void text(String field, String value, int maxLength) {
        String problem = Text.problem(value, maxLength);
        if (problem != null) {
            error(field, problem);
        }
    }

    private Long missing(String field) {
        error(field, "an OPEN stage needs a standard duration such as P5D");
        return null;
    }

    private static String nameOr(String name, String key) {
        return name == null || name.isBlank() ? key : name;
    }

    private void error(String field, String message) {
        errors.add(new FieldError(null, null, field, message));
    }

    private static ApiException invalid(List<FieldError> errors) {
        return ApiException.unprocessable("invalid-pipeline", "Invalid pipeline definition",
                errors.size() + " problem(s) in the pipeline definition; see errors", errors);
    }
}
