package io.pipelinehealth.analytics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;

/**
 * DOMAIN rule 11 over one family: every rep and stage of a pipeline and window. Each rep is
 * compared with the rest of the team at the same stage (one-sided Fisher exact test), the p-values
 * of the whole family are Benjamini–Hochberg adjusted, and a pattern needs enough visits, a high
 * share and a q-value at or below {@code alpha}. The caller passes the whole family whatever rows
 * it returns, so a rep's q-value never depends on a filter or a page.
 */
final class PatternEvidence {

    /** The intervals are 95 % whatever alpha the flag uses: they describe the share, not the test. */
    private static final double INTERVAL_ERROR_RATE = 0.05;
    private static final FisherExactTest MORE_OFTEN = FisherExactTest.withDefaults()
            .with(AlternativeHypothesis.GREATER_THAN);
    /**
     * p-values by table. The test is a pure function of four counts, costs about 20 µs for a table
     * of a few hundred visits, and a read over a settled window asks for the same tables again: a
     * pipeline of 200 reps and 7 stages is 2,800 tests. 20,000 entries are a few MB of heap.
     */
    private static final Cache<Table, Double> P_VALUES = Caffeine.newBuilder().maximumSize(20_000).build();

    private final Map<String, Evidence> byCell = new HashMap<>();
    private final Map<String, long[]> teams = new HashMap<>();

    private PatternEvidence() {
    }

    static PatternEvidence of(List<StageCount> family, PatternRule rule) {
        PatternEvidence evidence = new PatternEvidence();
        for (StageCount cell : family) {
            long[] total = evidence.teams.computeIfAbsent(cell.stage(), s -> new long[3]);
            total[0] += cell.visits();
            total[1] += cell.rushed();
            total[2] += cell.slow();
        }
        List<StageCount> tested = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (StageCount cell : family) {
            Team team = evidence.team(cell);
            if (cell.visits() >= rule.minVisits() && team.visits() > 0) {
                tested.add(cell);
                pValues.add(moreOften(cell.visits(), cell.rushed(), team.visits(), team.rushed()));
                pValues.add(moreOften(cell.visits(), cell.slow(), team.visits(), team.slow()));
            }
        }
        double[] q = BenjaminiHochberg.adjust(pValues.stream().mapToDouble(Double::doubleValue).toArray());
        Map<String, double[]> tests = new HashMap<>();
        for (int i = 0; i < tested.size(); i++) {
            tests.put(key(tested.get(i).ownerId(), tested.get(i).stage()),
                    new double[] { pValues.get(2 * i), pValues.get(2 * i + 1), q[2 * i], q[2 * i + 1] });
        }
        for (StageCount cell : family) {
            String key = key(cell.ownerId(), cell.stage());
            evidence.byCell.put(key, evidence.evaluate(cell, tests.get(key), rule));
        }
        return evidence;
    }

    /** The evidence of one rep at one stage; a rep without closed visits there still sees the team's shares. */
    Evidence of(String ownerId, String stage) {
        Evidence found = byCell.get(key(ownerId, stage));
        if (found != null) {
            return found;
        }
        Team team = team(new StageCount(ownerId, stage, 0, 0, 0));
        return new Evidence(RepPattern.NONE, null, null, null, null, null, null, team.rushedShare(), team.slowShare(),
                null, null, null, null);
    }

    private Evidence evaluate(StageCount cell, double[] test, PatternRule rule) {
        Team team = team(cell);
        long n = cell.visits();
        Interval rushed = n == 0 ? null : wilson(n, cell.rushed());
        Interval slow = n == 0 ? null : wilson(n, cell.slow());
        Double rushedQ = test == null ? null : test[2];
        Double slowQ = test == null ? null : test[3];
        RepPattern pattern = RepPattern.NONE;
        if (flags(cell.rushed(), n, rushedQ, rule)) {
            pattern = RepPattern.SYSTEMATICALLY_RUSHED;
        } else if (flags(cell.slow(), n, slowQ, rule)) {
            pattern = RepPattern.SYSTEMATICALLY_SLOW;
        }
        return new Evidence(pattern, share(cell.rushed(), n), low(rushed), high(rushed), share(cell.slow(), n), low(slow),
                high(slow), team.rushedShare(), team.slowShare(), test == null ? null : test[0],
                test == null ? null : test[1], rushedQ, slowQ);
    }

    /** {@code count/n >= share} is compared exactly (0.6 × 5 is 3), {@code q <= alpha} as the rule's doubles. */
    private static boolean flags(long count, long n, Double q, PatternRule rule) {
        return n >= rule.minVisits()
                && BigDecimal.valueOf(count).compareTo(rule.share().multiply(BigDecimal.valueOf(n))) >= 0
                && q != null && q <= rule.alpha().doubleValue();
    }

    /** {@code P(X >= k)}, X hypergeometric over the rep's and the team's visits: the rep does it more often. */
    private static double moreOften(long n, long k, long teamN, long teamK) {
        return P_VALUES.get(new Table(n, k, teamN, teamK), t -> MORE_OFTEN.test(new int[][] {
                { Math.toIntExact(k), Math.toIntExact(n - k) },
                { Math.toIntExact(teamK), Math.toIntExact(teamN - teamK) } }).getPValue());
    }

    /** The rep's {@code k} of {@code n} against the team's {@code teamK} of {@code teamN}. */
    private record Table(long n, long k, long teamN, long teamK) {
    }

    private static Interval wilson(long n, long count) {
        return BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(Math.toIntExact(n), Math.toIntExact(count),
                INTERVAL_ERROR_RATE);
    }

    private Team team(StageCount cell) {
        long[] total = teams.getOrDefault(cell.stage(), new long[3]);
        return new Team(total[0] - cell.visits(), total[1] - cell.rushed(), total[2] - cell.slow());
    }

    private static Double share(long count, long n) {
        return n == 0 ? null : (double) count / n;
    }

    private static Double low(Interval interval) {
        return interval == null ? null : interval.getLowerBound();
    }

    private static Double high(Interval interval) {
        return interval == null ? null : interval.getUpperBound();
    }

    private static String key(String ownerId, String stage) {
        return ownerId + '\u0000' + stage;
    }

    /** Every other rep's closed visits at the stage. */
    private record Team(long visits, long rushed, long slow) {

        Double rushedShare() {
            return share(rushed, visits);
        }

        Double slowShare() {
            return share(slow, visits);
        }
    }
}
