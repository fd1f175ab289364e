package io.pipelinehealth.ui;

import io.pipelinehealth.analytics.RepStageRow;
import io.pipelinehealth.analytics.StageAnalyticsRow;
import io.pipelinehealth.analytics.StandardRow;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.Stage;
import io.pipelinehealth.pipeline.StageKind;
import io.pipelinehealth.worktime.TimeBasis;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The manager's view of one pipeline: funnel, rep × stage heat map, learned standards, counts by status. */
public record PipelineModel(String id, String name, String asOf, String basis, String frozenLink, List<Funnel> funnel,
        int funnelHeight, List<String> stages, List<HeatRow> heat, List<StandardLine> standards, List<Count> counts,
        int countsHeight) {

    public record Funnel(String stage, long entered, String conversion, String standard, String median,
            Diverging bar, int y) {
        public int textY() {
            return y + 17;
        }

        public int barY() {
            return y + 4;
        }
    }

    public record HeatRow(String ownerId, String link, List<HeatCell> cells) {
    }

    /** tone: the colour class; flag: the word (and its shape) that marks a pattern, empty when none. */
    public record HeatCell(String stage, String median, long n, String tone, String flag, String shape,
            String evidence) {
    }

    public record StandardLine(String stage, String configured, long wonVisits, String learnedMedian,
            String learnedP75) {
    }

    public record Count(String label, long count, String tone, int width, int y) {
        public int textY() {
            return y + 17;
        }

        public int barY() {
            return y + 4;
        }

        public int labelX() {
            return width + 186;
        }
    }

    static final int ROW = 34;

    static PipelineModel of(Pipeline pipeline, TimeBasis basis, String asOfParam, Instant asOf,
            List<StageAnalyticsRow> stageRows, List<RepStageRow> repRows, List<StandardRow> standardRows) {
        Human human = new Human(pipeline.calendar());
        List<Funnel> funnel = new ArrayList<>();
        for (StageAnalyticsRow row : stageRows) {
            BigDecimal deviation = row.medianActualSeconds() == null || row.standardSeconds() == null ? null
                    : row.medianActualSeconds().subtract(BigDecimal.valueOf(row.standardSeconds()));
            funnel.add(new Funnel(row.stage(), row.closedVisits() + row.openVisits(),
                    Human.percent(row.conversionRate()),
                    row.standardSeconds() == null ? "–" : human.duration(row.standardSeconds()),
                    human.duration(row.medianActualSeconds()), Diverging.of(deviation, row.standardSeconds()),
                    funnel.size() * ROW + 30));
        }
        List<String> openStages = pipeline.stages().stream().filter(s -> s.kind() == StageKind.OPEN)
                .map(Stage::key).toList();
        List<StandardLine> standards = standardRows.stream().map(row -> new StandardLine(row.stage(),
                row.standardSeconds() == null ? "–" : human.duration(row.standardSeconds()), row.wonVisits(),
                row.suggestedMedianSeconds() == null ? "too few won visits" : human.duration(row.suggestedMedianSeconds()),
                row.suggestedP75Seconds() == null ? "–" : human.duration(row.suggestedP75Seconds()))).toList();
        List<Count> counts = counts(stageRows);
        return new PipelineModel(pipeline.id(), pipeline.name() == null ? pipeline.id() : pipeline.name(),
                human.instant(asOf), Human.basis(basis), Links.frozen(pipeline.id(), asOfParam), funnel,
                funnel.size() * ROW + 40, openStages, heat(pipeline, human, repRows, openStages, asOfParam), standards,
                counts, counts.size() * ROW + 10);
    }

    private static List<HeatRow> heat(Pipeline pipeline, Human human, List<RepStageRow> rows, List<String> stages,
            String asOf) {
        Map<String, Map<String, RepStageRow>> byRep = new LinkedHashMap<>();
        rows.forEach(row -> byRep.computeIfAbsent(row.ownerId(), k -> new LinkedHashMap<>()).put(row.stage(), row));
        List<HeatRow> heat = new ArrayList<>();
        byRep.forEach((owner, cells) -> heat.add(new HeatRow(owner, Links.rep(owner, pipeline.id(), asOf),
                stages.stream().map(stage -> cell(stage, cells.get(stage), pipeline, human)).toList())));
        return heat;
    }

    static HeatCell cell(String stage, RepStageRow row, Pipeline pipeline, Human human) {
        if (row == null || row.closedVisits() == 0) {
            return new HeatCell(stage, "no closed visits", 0, "none", "", "", "");
        }
        Long standard = pipeline.stage(stage).map(Stage::standardSeconds).orElse(null);
        String flag = EvidenceText.flag(row.evidence());
        String shape = EvidenceText.shape(flag);
        String evidence = EvidenceText.cell(row.evidence(), row.medianDeviationSeconds());
        return new HeatCell(stage, human.deviation(row.medianDeviationSeconds()), row.closedVisits(),
                tone(row.medianDeviationSeconds(), standard), flag, shape, evidence);
    }

    /** Five tones of a purple–orange scale, readable with the common colour-vision deficiencies. */
    static String tone(BigDecimal deviation, Long standard) {
        if (deviation == null || standard == null || standard == 0) {
            return "none";
        }
        double share = deviation.divide(BigDecimal.valueOf(standard), MathContext.DECIMAL64).doubleValue();
        return share <= -0.5 ? "fast2" : share <= -0.15 ? "fast1" : share < 0.15 ? "even" : share < 0.5 ? "slow1" : "slow2";
    }

    private static List<Count> counts(List<StageAnalyticsRow> rows) {
        long closed = 0;
        long rushed = 0;
        long slow = 0;
        long skipped = 0;
        long open = 0;
        long frozen = 0;
        for (StageAnalyticsRow row : rows) {
            closed += row.closedVisits();
            rushed += row.rushed();
            slow += row.slow();
            skipped += row.skipped();
            open += row.openVisits();
            frozen += row.frozen();
        }
        long[] values = { closed - rushed - slow - skipped, rushed, slow, skipped, open - frozen, frozen };
        String[] labels = { "On track (closed)", "Rushed (closed)", "Slow (closed)", "Skipped (closed)",
                "Open, not frozen", "Frozen" };
        String[] tones = { "even", "fast2", "slow2", "none", "open", "frozen" };
        long max = 1;
        for (long value : values) {
            max = Math.max(max, value);
        }
        List<Count> counts = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            counts.add(new Count(labels[i], values[i], tones[i], (int) (values[i] * 360 / max), i * ROW + 4));
        }
        return counts;
    }
}
