package io.pipelinehealth.ui;

import io.pipelinehealth.analytics.TrendRow;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.Stage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One stage's weekly trend as a small SVG chart: the rep's median deviation (circles, solid line) and
 * the team's (squares, dashed line) as a share of the standard, one column per ISO week, with the
 * same numbers as table rows. Weeks without visits have no mark.
 */
public record TrendChart(String stage, String points, String teamPoints, List<Mark> marks, List<Mark> teamMarks,
        List<Week> weeks) {

    public record Mark(int x, int y) {
        public int squareX() {
            return x - 4;
        }

        public int squareY() {
            return y - 4;
        }
    }

    /** No week of the window has a closed visit, the rep's or the team's: nothing to draw. */
    public boolean empty() {
        return marks.isEmpty() && teamMarks.isEmpty();
    }

    public record Week(String week, long visits, String median, String team, String rushed, String slow) {
    }

    static final int LEFT = 70;
    static final int WIDTH = 620;
    static final int MIDDLE = 60;
    static final int SCALE = 40;

    static List<TrendChart> of(List<TrendRow> rows, Pipeline pipeline, Human human) {
        Map<String, List<TrendRow>> byStage = new LinkedHashMap<>();
        rows.forEach(row -> byStage.computeIfAbsent(row.stage(), k -> new ArrayList<>()).add(row));
        List<TrendChart> charts = new ArrayList<>();
        byStage.forEach((stage, weeks) -> {
            Long standard = pipeline.stage(stage).map(Stage::standardSeconds).orElse(null);
            List<Mark> mine = new ArrayList<>();
            List<Mark> team = new ArrayList<>();
            List<Week> table = new ArrayList<>();
            for (int i = 0; i < weeks.size(); i++) {
                TrendRow week = weeks.get(i);
                int x = LEFT + (weeks.size() == 1 ? WIDTH / 2 : i * WIDTH / (weeks.size() - 1));
                mark(week.medianDeviationSeconds(), standard, x).ifPresent(mine::add);
                mark(week.teamMedianDeviationSeconds(), standard, x).ifPresent(team::add);
                table.add(new Week(week.week(), week.closedVisits(), human.deviation(week.medianDeviationSeconds()),
                        human.deviation(week.teamMedianDeviationSeconds()), EvidenceText.percent(week.rushedShare()),
                        EvidenceText.percent(week.slowShare())));
            }
            charts.add(new TrendChart(stage, line(mine), line(team), mine, team, table));
        });
        return charts;
    }

    private static Optional<Mark> mark(BigDecimal deviation, Long standard, int x) {
        if (deviation == null || standard == null || standard == 0) {
            return Optional.empty();
        }
        double share = deviation.divide(BigDecimal.valueOf(standard), MathContext.DECIMAL64).doubleValue();
        double cut = Math.max(-1.25, Math.min(1.25, share));
        return Optional.of(new Mark(x, (int) Math.round(MIDDLE + cut * SCALE)));
    }

    private static String line(List<Mark> marks) {
        StringBuilder points = new StringBuilder();
        marks.forEach(m -> points.append(points.isEmpty() ? "" : " ").append(m.x()).append(',').append(m.y()));
        return points.toString();
    }
}
