package io.pipelinehealth.opportunity;

import io.pipelinehealth.opportunity.OpportunityView.StageRow;
import io.pipelinehealth.opportunity.OpportunityView.VisitRow;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.visit.Position;
import io.pipelinehealth.visit.PositionKind;
import io.pipelinehealth.visit.VisitStatus;
import io.pipelinehealth.worktime.TimeBasis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the opportunity view from positions derived from the history up to asOf. */
final class OpportunityViewBuilder {

    /** Rule 14: by enteredAt, then stage order (a skipped visit before the stage jumped to). */
    private static final Comparator<Position> VISIT_ORDER = Comparator.comparing(Position::enteredAt)
            .thenComparingInt(Position::stageOrder).thenComparingInt(Position::seq);

    private OpportunityViewBuilder() {
    }

    static OpportunityView build(String opportunityId, Pipeline pipeline, List<Position> positions, Instant asOf,
            List<OpportunityView.HandoffRow> handoffs) {
        Position current = positions.get(positions.size() - 1);
        List<Position> visits = positions.stream().filter(p -> p.kind().isVisit()).sorted(VISIT_ORDER).toList();
        List<VisitRow> visitRows = new ArrayList<>(visits.size());
        Map<Integer, StageTotal> totals = new TreeMap<>();
        for (Position visit : visits) {
            long actual = visit.actualSeconds(asOf);
            long standard = visit.rules().standardSeconds();
            visitRows.add(new VisitRow(visit.stage(), visit.enteredAt(), visit.closedAt(asOf) ? visit.leftAt() : null,
                    visit.ownerId(), actual, standard, actual - standard, visit.status(asOf).name()));
            totals.computeIfAbsent(visit.stageOrder(), order -> new StageTotal(visit.stage())).add(visit, actual);
        }
        List<StageRow> stageRows = totals.values().stream().map(StageTotal::row).toList();
        boolean frozen = current.kind() == PositionKind.VISIT && current.status(asOf) == VisitStatus.FROZEN;
        return new OpportunityView(opportunityId, pipeline.id(), current.currentOwner(), current.stage(),
                OpportunityState.of(current.kind(), current.stage(), pipeline), frozen, asOf, TimeBasis.of(pipeline.calendar()),
                current.amount(), current.currency(), current.attributes(), visitRows, stageRows, handoffs);
    }

    private static final class StageTotal {
        final String stage;
        int visits;
        long cumulative;
        Position latest;

        StageTotal(String stage) {
            this.stage = stage;
        }

        void add(Position visit, long actual) {
            visits++;
            cumulative += actual;
            if (latest == null || VISIT_ORDER.compare(visit, latest) > 0) {
                latest = visit;
            }
        }

        StageRow row() {
            long standard = latest.rules().standardSeconds();
            return new StageRow(stage, visits, cumulative, standard, cumulative - standard);
        }
    }
}
