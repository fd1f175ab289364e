package io.pipelinehealth.ui;

import java.util.List;

/** The tenant's pipelines; team figures only for viewers who see the team. */
public record HomeModel(boolean team, List<Row> rows) {

    /** openDeals and frozenDeals are null for a rep, who sees only their own page. */
    public record Row(String id, String name, String link, String frozenLink, Long openDeals, Long frozenDeals) {
    }
}
