package io.pipelinehealth.ui;

import io.pipelinehealth.analytics.Evidence;
import io.pipelinehealth.analytics.OpenDeal;
import io.pipelinehealth.analytics.PatternRule;
import io.pipelinehealth.analytics.ProfileStage;
import io.pipelinehealth.analytics.RepPattern;
import io.pipelinehealth.analytics.RepProfile;
import io.pipelinehealth.analytics.TrendRow;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * A rep's own page: their stage profile next to the team's median, their deals with what to do
 * about each, and their patterns with the evidence in plain words.
 */
public record RepModel(String ownerId, String pipelineName, String pipelineId, String asOf, String basis,
        List<Choice> choices, List<Line> stages, int profileHeight, List<Deal> deals, List<String> patterns,
        List<TrendChart> trend, int moreDeals, boolean mayHandOff, String back) {

    public record Choice(String name, String link) {
    }

    /** Two bars per stage: the rep's median deviation (y) and the team's (y + 13). */
    public record Line(String stage, long closedVisits, String mine, String team, Diverging mineBar,
            Diverging teamBar, String flag, String shape, int y) {
        public int teamY() {
            return y + 13;
        }

        public int labelY() {
            return y + 14;
        }
    }

    public record Deal(String opportunityId, String link, String stage, String elapsed, String standard,
            String past, boolean frozen, String advice, String action) {
    }

    static final int ROW = 40;
    /** The page lists this many open deals, most past their standard first; the rest are counted. */
    static final int MAX_DEALS = 50;

    /** The page before a pipeline is chosen. */
    static RepModel choose(String ownerId, List<Choice> choices) {
        return new RepModel(ownerId, null, null, null, null, choices, List.of(), 0, List.of(), List.of(), List.of(),
                0, false, null);
    }

    static RepModel of(RepProfile profile, List<TrendRow> trend, Pipeline pipeline, String basis, String asOfParam,
            boolean mayHandOff) {
        Human human = new Human(pipeline.calendar());
        List<Line> lines = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        for (ProfileStage stage : profile.stages()) {
            Long standard = pipeline.stage(stage.stage()).map(Stage::standardSeconds).orElse(null);
            String flag = EvidenceText.flag(stage.evidence());
            lines.add(new Line(stage.stage(), stage.closedVisits(), human.deviation(stage.medianDeviationSeconds()),
                    human.deviation(stage.pipelineMedianDeviationSeconds()),
                    Diverging.of(stage.medianDeviationSeconds(), standard),
                    Diverging.of(stage.pipelineMedianDeviationSeconds(), standard), flag,
                    EvidenceText.shape(flag), lines.size() * ROW + 30));
            if (stage.closedVisits() > 0) {
                patterns.add(sentence(stage));
            }
        }
        List<Deal> deals = profile.openDeals().stream().limit(MAX_DEALS).map(deal -> deal(deal, human, asOfParam))
                .toList();
        return new RepModel(profile.ownerId(), pipeline.name() == null ? pipeline.id() : pipeline.name(),
                pipeline.id(), human.instant(profile.asOf()), basis, List.of(), lines, lines.size() * ROW + 40,
                deals, patterns, TrendChart.of(trend, pipeline, human),
                profile.openDeals().size() - deals.size(), mayHandOff, Links.rep(profile.ownerId(), pipeline.id(), asOfParam));
    }

    /**
     * Rule 11 in plain words: "7 of your 8 closed visits at qualify were rushed or skipped; the rest of
     * the team: 20 % of theirs. Flagged: systematically rushed (…)", and why a stage is not flagged.
     */
    static String sentence(ProfileStage stage) {
        Evidence evidence = stage.evidence();
        long rushed = stage.rushed() + stage.skipped();
        String text = rushed + " of your " + stage.closedVisits() + " closed visits at " + stage.stage()
                + " were rushed or skipped and " + stage.slow() + " were slow; the rest of the team: "
                + (evidence.teamRushedShare() == null ? "no visits to compare with"
                        : EvidenceText.percent(evidence.teamRushedShare()) + " rushed or skipped and "
                                + EvidenceText.percent(evidence.teamSlowShare()) + " slow") + ". ";
        return text + verdict(stage, evidence);
    }

    private static String verdict(ProfileStage stage, Evidence evidence) {
        if (evidence.pattern() == RepPattern.SYSTEMATICALLY_RUSHED) {
            return "Flagged: systematically rushed (q " + EvidenceText.q(evidence.rushedQ())
                    + ": very unlikely to be chance).";
        }
        if (evidence.pattern() == RepPattern.SYSTEMATICALLY_SLOW) {
            return "Flagged: systematically slow (q " + EvidenceText.q(evidence.slowQ())
                    + ": very unlikely to be chance).";
        }
        if (stage.closedVisits() < PatternRule.DEFAULT_MIN_VISITS) {
            return "Not flagged: fewer than " + PatternRule.DEFAULT_MIN_VISITS + " visits are too few to judge.";
        }
        if (evidence.teamRushedShare() == null) {
            return "Not flagged: there is no team to compare with.";
        }
        return "Not flagged: the difference from the team is small or could be chance.";
    }

    private static Deal deal(OpenDeal deal, Human human, String asOf) {
        String advice = deal.frozen()
                ? "Frozen: move it on, or hand it to nurturing if the buyer has gone quiet."
                : deal.secondsPastStandard() > 0
                        ? "Past its standard: plan the next step this week."
                        : "Within its standard: keep going.";
        return new Deal(deal.opportunityId(), Links.opportunity(deal.opportunityId(), asOf), deal.stage(),
                human.duration(deal.elapsedSeconds()), human.duration(deal.standardSeconds()),
                deal.secondsPastStandard() > 0 ? human.duration(deal.secondsPastStandard()) : "–", deal.frozen(),
                advice, "/ui/opportunities/" + Links.segment(deal.opportunityId()) + "/handoffs");
    }
}
