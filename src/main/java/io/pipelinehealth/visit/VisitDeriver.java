package io.pipelinehealth.visit;

import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.Stage;
import io.pipelinehealth.pipeline.StageKind;
import io.pipelinehealth.pipeline.StageRules;
import io.pipelinehealth.visit.Position.ClosedBy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays an opportunity's history (DOMAIN rules 1 to 7 and 12) into its positions. A pure
 * function of the pipeline and the set of steps: it sorts the steps itself, so arrival order
 * never matters, and each position depends only on the steps before it, so the positions of a
 * prefix of the history are a prefix of the positions (which lets stored rows answer any asOf).
 */
public final class VisitDeriver {

    private final Pipeline pipeline;
    private final Map<String, Stage> stages;
    private final List<Position> done = new ArrayList<>();
    private final Map<String, String> attributes = new HashMap<>();
    private Current current;
    private String currentOwner;
    private BigDecimal amount;
    private String currency;

    private VisitDeriver(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.stages = pipeline.stageIndex();
    }

    public static List<Position> derive(Pipeline pipeline, List<? extends Step> steps) {
        List<Step> ordered = new ArrayList<>(steps);
        ordered.sort(Step.ORDER);
        VisitDeriver deriver = new VisitDeriver(pipeline);
        for (Step step : ordered) {
            if (step instanceof Step.Event event) {
                deriver.apply(event);
            } else {
                deriver.apply((Step.Handoff) step);
            }
        }
        return deriver.finish();
    }

    /** Whether a hand-off would be accepted after the given steps (the state machine of rule 12). */
    public static boolean accepts(Pipeline pipeline, List<? extends Step> before, HandoffDirection direction) {
        List<Position> positions = derive(pipeline, before);
        PositionKind kind = positions.isEmpty() ? null : positions.get(positions.size() - 1).kind();
        return allowedFrom(kind, direction);
    }

    static boolean allowedFrom(PositionKind kind, HandoffDirection direction) {
        return switch (direction) {
            case TO_NURTURING -> kind == PositionKind.VISIT;
            case TO_SALES -> kind == PositionKind.NURTURING;
            case DISQUALIFY -> kind == PositionKind.VISIT || kind == PositionKind.NURTURING;
        };
    }

    private void apply(Step.Event event) {
        Stage target = stages.get(event.stage());
        if (target == null) {
            return; // cannot happen: ingestion refuses unknown stages and stage removal is refused
        }
        PositionKind targetKind = target.kind() == StageKind.OPEN ? PositionKind.VISIT : PositionKind.CLOSED;
        boolean sameStage = current != null && current.kind == targetKind && current.stage.key().equals(target.key());
        Stage from = current != null && current.kind == PositionKind.VISIT ? current.stage : null;
        if (current != null && !sameStage) {
            close(event.at(), ClosedBy.EVENT, target.key()); // its snapshot is taken before this event
        }
        attributes.putAll(event.attributes());
        currentOwner = event.ownerId();
        if (event.amount() != null) {
            amount = event.amount();
        }
        if (event.currency() != null) {
            currency = event.currency();
        }
        if (sameStage) {
            current.lastEventAt = event.at(); // rule 3: same stage again starts nothing
            return;
        }
        if (from != null && target.order() > from.order() + 1 && target.kind() != StageKind.LOST) {
            skipBetween(from, target, event);
        }
        open(targetKind, target, event.at(), event.ownerId());
    }

    /** Rule 5: a zero-length SKIPPED visit for every open stage jumped over. */
    private void skipBetween(Stage from, Stage to, Step.Event event) {
        for (Stage skipped : pipeline.stages().subList(from.order() + 1, to.order())) {
            if (skipped.kind() == StageKind.OPEN) {
                done.add(new Position(done.size(), PositionKind.SKIPPED, skipped.key(), skipped.order(),
                        event.at(), event.at(), event.ownerId(), pipeline.rulesFor(skipped, attributes),
                        ClosedBy.EVENT, to.key(), currentOwner, event.at(), amount, currency, Map.copyOf(attributes)));
            }
        }
    }

    private void apply(Step.Handoff handoff) {
        PositionKind kind = current == null ? null : current.kind;
        if (!allowedFrom(kind, handoff.direction())) {
            return; // a hand-off made invalid by CRM events that arrived later has no effect
        }
        Stage stage = current.stage;
        close(handoff.at(), ClosedBy.HANDOFF, null);
        switch (handoff.direction()) {
            case TO_NURTURING -> open(PositionKind.NURTURING, stage, handoff.at(), null);
            case DISQUALIFY -> open(PositionKind.DISQUALIFIED, stage, handoff.at(), null);
            case TO_SALES -> {
                Stage target = stages.get(handoff.stage());
                currentOwner = handoff.ownerId();
                open(PositionKind.VISIT, target == null ? stage : target, handoff.at(), handoff.ownerId());
            }
        }
    }

    private void open(PositionKind kind, Stage stage, Instant at, String ownerId) {
        current = new Current(kind, stage, at, ownerId,
                kind == PositionKind.VISIT ? pipeline.rulesFor(stage, attributes) : null);
        current.lastEventAt = at;
    }

    private void close(Instant at, ClosedBy closedBy, String nextStage) {
        done.add(current.toPosition(done.size(), at, closedBy, nextStage));
        current = null;
    }

    private List<Position> finish() {
        if (current != null) {
            done.add(current.toPosition(done.size(), null, null, null));
        }
        return done;
    }

    /** The open position, mutable while steps of the same period are applied. */
    private final class Current {
        final PositionKind kind;
        final Stage stage;
        final Instant enteredAt;
        final String ownerId;
        final StageRules rules;
        Instant lastEventAt;

        Current(PositionKind kind, Stage stage, Instant enteredAt, String ownerId,
                StageRules rules) {
            this.kind = kind;
            this.stage = stage;
            this.enteredAt = enteredAt;
            this.ownerId = ownerId;
            this.rules = rules;
        }

        Position toPosition(int seq, Instant leftAt, ClosedBy closedBy, String nextStage) {
            return new Position(seq, kind, stage.key(), stage.order(), enteredAt, leftAt, ownerId, rules,
                    closedBy, nextStage, currentOwner, lastEventAt, amount, currency, Map.copyOf(attributes));
        }
    }
}
