package io.pipelinehealth.transition;

import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.Ids;
import io.pipelinehealth.common.Instants;
import io.pipelinehealth.common.Text;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineParser;
import io.pipelinehealth.pipeline.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks every field of every event of a batch and collects all problems, so a CRM learns
 * everything wrong with its export in one answer.
 */
public final class TransitionParser {

    /** Events further ahead of the server clock than this are clock errors. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);
    static final int MAX_ATTRIBUTES = 100;
    static final int MAX_AMOUNT_DIGITS = 20;
    static final int MAX_AMOUNT_DECIMALS = 18;
    /** Override values match attribute values, so both share one limit. */
    static final int MAX_ATTRIBUTE_VALUE = PipelineParser.MAX_ATTRIBUTE_VALUE;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final Instant now;
    private final Function<String, Optional<Pipeline>> pipelines;
    private final List<FieldError> errors = new ArrayList<>();

    public TransitionParser(Instant now, Function<String, Optional<Pipeline>> pipelines) {
        this.now = now;
        this.pipelines = pipelines;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public List<TransitionEvent> parse(List<TransitionInput> inputs) {
        List<TransitionEvent> events = new ArrayList<>(inputs.size());
        Map<String, String> pipelineOfOpportunity = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            TransitionInput input = inputs.get(i);
            if (input == null) {
                errors.add(new FieldError(i, null, null, "must be an event object, not null"));
                continue;
            }
            TransitionEvent event = parse(i, input);
            if (event == null) {
                continue;
            }
            String earlier = pipelineOfOpportunity.putIfAbsent(event.opportunityId(), event.pipelineId());
            if (earlier != null && !earlier.equals(event.pipelineId())) {
                error(i, input, "pipelineId", "opportunity '" + event.opportunityId()
                        + "' is given pipeline '" + earlier + "' earlier in this batch; an opportunity belongs to one pipeline");
                continue;
            }
            events.add(event);
        }
        return events;
    }

    private TransitionEvent parse(int i, TransitionInput in) {
        int before = errors.size();
        id(i, in, "eventId", in.eventId());
        id(i, in, "opportunityId", in.opportunityId());
        id(i, in, "ownerId", in.ownerId());
        Pipeline pipeline = null;
        if (id(i, in, "pipelineId", in.pipelineId())) {
            pipeline = pipelines.apply(in.pipelineId()).orElse(null);
            if (pipeline == null) {
                error(i, in, "pipelineId", "unknown pipeline " + Text.quote(in.pipelineId()) + "; define it first with PUT /api/v1/pipelines/{pipelineId}");
            }
        }
        if (in.stage() == null || in.stage().isEmpty()) {
            error(i, in, "stage", "is required and must not be empty");
        } else if (Ids.problem(in.stage()) != null) {
            error(i, in, "stage", Ids.problem(in.stage()));
        } else if (pipeline != null && pipeline.stage(in.stage()).isEmpty()) {
            error(i, in, "stage", "unknown stage " + Text.quote(in.stage()) + " in pipeline '" + pipeline.id() + "'; known stages: "
                    + pipeline.stages().stream().map(Stage::key).toList());
        }
        Instant occurredAt = instant(i, in);
        if (in.amount() != null && in.amount().signum() < 0) {
            error(i, in, "amount", "must not be negative");
        }
        if (in.amount() != null && in.amount().precision() - in.amount().scale() > MAX_AMOUNT_DIGITS) {
            error(i, in, "amount", "is too large: at most " + MAX_AMOUNT_DIGITS + " digits before the decimal point");
        }
        // PostgreSQL numeric holds at most 16,383 decimals; 1e-99999 would fail at the insert
        if (in.amount() != null && in.amount().stripTrailingZeros().scale() > MAX_AMOUNT_DECIMALS) {
            error(i, in, "amount", "at most " + MAX_AMOUNT_DECIMALS + " decimals");
        }
        if (in.currency() != null && !CURRENCY.matcher(in.currency()).matches()) {
            error(i, in, "currency", "must be an ISO 4217 code of three capital letters such as EUR, not " + Text.quote(in.currency()));
        }
        attributes(i, in);
        if (errors.size() > before) {
            return null;
        }
        return new TransitionEvent(in.eventId(), in.opportunityId(), in.pipelineId(), in.stage(), occurredAt,
                in.ownerId(), in.amount() == null ? null : in.amount().stripTrailingZeros(), in.currency(), in.attributes());
    }

    private Instant instant(int i, TransitionInput in) {
        if (in.occurredAt() == null || in.occurredAt().isEmpty()) {
            error(i, in, "occurredAt", "is required: an RFC 3339 instant with an offset such as 2026-01-01T09:00:00Z");
            return null;
        }
        Instant instant;
        try {
            instant = Instants.parse(in.occurredAt());
        } catch (Instants.InvalidInstant e) {
            error(i, in, "occurredAt", e.getMessage());
            return null;
        }
        if (instant.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            error(i, in, "occurredAt", Text.quote(in.occurredAt()) + " is more than a day ahead of the server clock ("
                    + now + "); check the sender's clock");
            return null;
        }
        return instant;
    }

    private void attributes(int i, TransitionInput in) {
        if (in.attributes() == null) {
            return;
        }
        if (in.attributes().size() > MAX_ATTRIBUTES) {
            error(i, in, "attributes", "at most " + MAX_ATTRIBUTES + " attributes");
        }
        in.attributes().forEach((key, value) -> {
            String keyProblem = Ids.problem(key);
            if (keyProblem != null) {
                error(i, in, "attributes", "attribute key " + keyProblem);
            } else if (value == null) {
                error(i, in, "attributes." + key, "must be a string, not null");
            } else if (Text.problem(value, MAX_ATTRIBUTE_VALUE) != null) {
                error(i, in, "attributes." + key, Text.problem(value, MAX_ATTRIBUTE_VALUE));
            }
        });
    }

    private boolean id(int i, TransitionInput in, String field, String value) {
        String problem = Ids.problem(value);
        if (problem != null) {
            error(i, in, field, problem);
            return false;
        }
        return true;
    }

    private void error(int i, TransitionInput in, String field, String message) {
        errors.add(new FieldError(i, in.eventId(), field, message));
    }

}
