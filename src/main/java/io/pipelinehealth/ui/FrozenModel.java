package io.pipelinehealth.ui;

import io.pipelinehealth.frozen.FrozenItem;
import io.pipelinehealth.pipeline.Pipeline;
import java.time.Instant;
import java.util.List;

/** The frozen board: most overdue first, with who must act and a hand-off form per deal. */
public record FrozenModel(String id, String name, String asOf, String basis, String pipelineLink, String csvLink,
        String back, boolean mayHandOff, boolean more, List<Row> rows) {

    public record Row(String opportunityId, String link, String ownerId, String stage, String entered,
            String frozenAfter, String overdue, String action) {
    }

    static FrozenModel of(Pipeline pipeline, String basis, String asOfParam, Instant asOf, List<FrozenItem> items,
            boolean more, boolean mayHandOff) {
        Human human = new Human(pipeline.calendar());
        List<Row> rows = items.stream().map(item -> new Row(item.opportunityId(),
                Links.opportunity(item.opportunityId(), asOfParam), item.ownerId(), item.stage(),
                human.instant(item.enteredAt()), human.duration(item.frozenAfterSeconds()),
                human.duration(item.overdueSeconds()),
                "/ui/opportunities/" + Links.segment(item.opportunityId()) + "/handoffs")).toList();
        String csv = "/ui/pipelines/" + Links.segment(pipeline.id()) + "/frozen.csv"
                + (Links.asOf(asOfParam).isEmpty() ? "" : "?" + Links.asOf(asOfParam));
        return new FrozenModel(pipeline.id(), pipeline.name() == null ? pipeline.id() : pipeline.name(),
                human.instant(asOf), basis, Links.pipeline(pipeline.id(), asOfParam), csv,
                Links.frozen(pipeline.id(), asOfParam), mayHandOff, more, rows);
    }
}
