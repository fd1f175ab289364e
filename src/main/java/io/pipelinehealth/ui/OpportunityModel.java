package io.pipelinehealth.ui;

import io.pipelinehealth.opportunity.OpportunityView;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.Stage;
import io.pipelinehealth.pipeline.StageRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One deal's timeline: a bar per visit over its standard's bands (rushed, on track, slow, frozen),
 * each row to its own scale so that a 2-day and a 30-day stage can both be read.
 */
public record OpportunityModel(String id, String pipelineName, String pipelineLink, String ownerId, String stage,
        String state, boolean frozen, String asOf, String basis, List<Bar> bars, int height, List<Handoff> handoffs,
        String handoffAction, boolean mayHandOff, String back) {

    /** Pixel positions in a track of {@link #TRACK} pixels starting at {@link #LEFT}. */
    public record Bar(String stage, String entered, String left, String actual, String standard, String deviation,
            String status, String word, int y, int rushedEnd, int slowStart, int frozenStart, int barEnd,
            String bands) {
        public int rushedWidth() {
            return rushedEnd - LEFT;
        }

        public int onTrackWidth() {
            return slowStart - rushedEnd;
        }

        public int slowWidth() {
            return frozenStart - slowStart;
        }

        public int frozenWidth() {
            return LEFT + TRACK - frozenStart;
        }

        public int barWidth() {
            return Math.max(2, barEnd - LEFT);
        }

        public int textY() {
            return y + 15;
        }

        public int barY() {
            return y + 6;
        }
    }

    public record Handoff(String direction, String at, String reason, String by, boolean automatic) {
    }

    static final int LEFT = 150;
    static final int TRACK = 520;
    static final int ROW = 30;

    static OpportunityModel of(OpportunityView view, Pipeline pipeline, String asOfParam, boolean mayHandOff) {
        Human human = new Human(pipeline.calendar());
        Map<String, String> attributes = view.attributes() == null ? Map.of() : view.attributes();
        List<Bar> bars = new ArrayList<>();
        for (OpportunityView.VisitRow visit : view.visits()) {
            Stage stage = pipeline.stage(visit.stage()).orElse(null);
            if (stage == null || stage.standardSeconds() == null) {
                continue; // a terminal stage has no standard to draw against
            }
            StageRules rules = pipeline.rulesFor(stage, attributes);
            double standard = rules.standardSeconds();
            double rushed = rules.rushedBelow().doubleValue() * standard;
            double slow = rules.slowAbove().doubleValue() * standard;
            double frozen = rules.frozenAfterSeconds();
            double max = Math.max(visit.actualSeconds(), frozen) * 1.15;
            int y = bars.size() * ROW + 8;
            bars.add(new Bar(visit.stage(), human.instant(visit.enteredAt()),
                    visit.leftAt() == null ? "still there" : human.instant(visit.leftAt()),
                    human.duration(visit.actualSeconds()), human.duration(visit.standardSeconds()),
                    human.deviation(visit.deviationSeconds()), visit.status().toLowerCase().replace('_', '-'),
                    word(visit.status()), y, px(rushed, max), px(slow, max), px(frozen, max),
                    px(visit.actualSeconds(), max),
                    "rushed below " + human.duration((long) rushed) + ", slow above " + human.duration((long) slow)
                            + ", frozen after " + human.duration((long) frozen)));
        }
        List<Handoff> handoffs = view.handoffs().stream().map(h -> new Handoff(
                h.direction().equals("TO_NURTURING") ? "to nurturing"
                        : h.direction().equals("TO_SALES") ? "back to sales" : "disqualified",
                human.instant(h.at()), h.reason() == null ? "" : h.reason(), h.by(), h.automatic())).toList();
        return new OpportunityModel(view.opportunityId(), pipeline.name() == null ? pipeline.id() : pipeline.name(),
                Links.pipeline(pipeline.id(), asOfParam), view.ownerId(), view.currentStage(),
                view.state().name().toLowerCase(), view.frozen(), human.instant(view.asOf()),
                Human.basis(view.timeBasis()), bars, bars.size() * ROW + 16, handoffs,
                "/ui/opportunities/" + Links.segment(view.opportunityId()) + "/handoffs",
                mayHandOff && view.frozen(), Links.opportunity(view.opportunityId(), asOfParam));
    }

    static String word(String status) {
        return switch (status) {
            case "ON_TRACK" -> "on track";
            case "RUSHED" -> "rushed";
            case "SLOW" -> "slow";
            case "SKIPPED" -> "skipped";
            case "FROZEN" -> "frozen";
            default -> "open";
        };
    }

    private static int px(double seconds, double max) {
        return LEFT + (int) Math.round(Math.min(seconds, max) / max * TRACK);
    }

}
