package io.pipelinehealth.handoff;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.Ids;
import io.pipelinehealth.common.Instants;
import io.pipelinehealth.common.Text;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.StageKind;
import io.pipelinehealth.visit.HandoffDirection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A validated hand-off request: what to record, for whom, when. */
public record HandoffCommand(HandoffDirection direction, Instant at, String reason, String by, String stage,
        String ownerId, boolean automatic) {

    static final int MAX_REASON = 1024;
    static final Duration CLOCK_SKEW = Duration.ofDays(1);

    /** Checks every field that does not need the pipeline; {@code now} is the injected clock's. */
    static HandoffCommand parse(HandoffRequest request, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw invalid(List.of(FieldError.of("body", "a hand-off is required")));
        }
        HandoffDirection direction = direction(request.direction(), errors);
        Instant at = at(request.at(), now, errors);
        String reason = request.reason();
        if (reason == null || reason.isBlank()) {
            errors.add(FieldError.of("reason", "is required and must not be blank"));
        } else if (Text.problem(reason, MAX_REASON) != null) {
            errors.add(FieldError.of("reason", Text.problem(reason, MAX_REASON)));
        }
        check("by", request.by(), errors);
        if (direction == HandoffDirection.TO_SALES) {
            if (request.stage() == null || request.stage().isEmpty()) {
                errors.add(FieldError.of("stage", "is required for TO_SALES: the stage the deal goes back to"));
            } else {
                check("stage", request.stage(), errors);
            }
            check("ownerId", request.ownerId(), errors);
        } else if (direction != null) {
            if (request.stage() != null) {
                errors.add(FieldError.of("stage", "is only accepted for TO_SALES"));
            }
            if (request.ownerId() != null) {
                errors.add(FieldError.of("ownerId", "is only accepted for TO_SALES"));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new HandoffCommand(direction, at, reason, request.by(), request.stage(), request.ownerId(), false);
    }

    /** TO_SALES must name an open (non-terminal) stage of the opportunity's pipeline. */
    void checkStage(Pipeline pipeline) {
        if (direction == HandoffDirection.TO_SALES
                && pipeline.stage(stage).map(s -> s.kind() != StageKind.OPEN).orElse(true)) {
            throw invalid(List.of(FieldError.of("stage", Text.quote(stage) + " is not an open stage of pipeline '"
                    + pipeline.id() + "'")));
        }
    }

    private static HandoffDirection direction(String text, List<FieldError> errors) {
        if (text == null) {
            errors.add(FieldError.of("direction", "is required: one of " + Arrays.toString(HandoffDirection.values())));
            return null;
        }
        try {
            return HandoffDirection.valueOf(text);
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of("direction", "must be one of " + Arrays.toString(HandoffDirection.values())
                    + ", not " + Text.quote(text)));
            return null;
        }
    }

    private static Instant at(String text, Instant now, List<FieldError> errors) {
        if (text == null) {
            return now.truncatedTo(ChronoUnit.MICROS);
        }
        try {
            Instant at = Instants.parse(text);
            if (at.isAfter(now.plus(CLOCK_SKEW))) {
                errors.add(FieldError.of("at", "is more than a day ahead of the server clock (" + now + ")"));
            }
            return at;
        } catch (Instants.InvalidInstant e) {
            errors.add(FieldError.of("at", e.getMessage()));
            return null;
        }
    }

    private static void check(String field, String value, List<FieldError> errors) {
        String problem = Ids.problem(value);
        if (problem != null) {
            errors.add(FieldError.of(field, problem));
        }
    }

    private static ApiException invalid(List<FieldError> errors) {
        return ApiException.unprocessable("invalid-handoff", "Invalid hand-off",
                errors.size() + " problem(s) in the hand-off; nothing was recorded", errors);
    }
}
