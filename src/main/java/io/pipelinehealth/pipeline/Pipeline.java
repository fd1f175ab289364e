package io.pipelinehealth.pipeline;

import io.pipelinehealth.worktime.WorkCalendar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A validated pipeline definition: ordered stages and attribute-matched overrides, and the
 * working-time calendar (null: calendar time). With a calendar, every duration here is already
 * in working seconds (rule 15).
 */
public record Pipeline(String id, String name, List<Stage> stages, List<StageOverride> overrides,
        WorkCalendar calendar) {

    public Pipeline {
        stages = List.copyOf(stages);
        overrides = List.copyOf(overrides);
    }

    private Map<String, Stage> byKey() {
        return stages.stream().collect(Collectors.toMap(Stage::key, Function.identity()));
    }

    public Optional<Stage> stage(String key) {
        return Optional.ofNullable(byKey().get(key));
    }

    /** Index by key, built once per derivation rather than per lookup. */
    public Map<String, Stage> stageIndex() {
        return byKey();
    }

    /**
     * Rule 7 and 9: the override with most matching pairs wins (first declared on a tie); band
     * fields and frozenAfter it leaves out come from the stage; frozenAfter defaults to three
     * times the resolved standard.
     */
    public StageRules rulesFor(Stage stage, Map<String, String> attributes) {
        StageOverride best = null;
        for (StageOverride candidate : overrides) {
            if (candidate.stage().equals(stage.key()) && candidate.matches(attributes)
                    && (best == null || candidate.when().size() > best.when().size())) {
                best = candidate;
            }
        }
        long standard = pick(best == null ? null : best.standardSeconds(), stage.standardSeconds());
        Long frozenAfter = best != null && best.frozenAfterSeconds() != null
                ? best.frozenAfterSeconds() : stage.frozenAfterSeconds();
        return new StageRules(
                standard,
                best != null && best.rushedBelow() != null ? best.rushedBelow() : stage.rushedBelow(),
                best != null && best.slowAbove() != null ? best.slowAbove() : stage.slowAbove(),
                frozenAfter != null ? frozenAfter : Math.multiplyExact(3, standard), calendar);
    }

    private static long pick(Long preferred, Long fallback) {
        return preferred != null ? preferred : fallback;
    }
}
