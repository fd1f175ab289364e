package io.pipelinehealth.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of rule 11 over random families of rep and stage counts. */
class PatternEvidencePropertiesTest {

    private static final List<String> STAGES = List.of("qualify", "discover", "propose");

    @Provide
    Arbitrary<List<StageCount>> families() {
        Arbitrary<StageCount> cell = Combinators.combine(Arbitraries.integers().between(0, 11),
                Arbitraries.of(STAGES), Arbitraries.integers().between(1, 40), Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1)).as((rep, stage, n, rushed, slow) -> {
                    long k = Math.round(n * rushed);
                    long l = Math.min(n - k, Math.round(n * slow));
                    return new StageCount("rep" + rep, stage, n, k, l);
                });
        // one cell per rep and stage
        return cell.list().ofMaxSize(36).uniqueElements(c -> c.ownerId() + "/" + c.stage());
    }

    @Provide
    Arbitrary<PatternRule> rules() {
        return Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.of("0.5", "0.6", "0.75", "1"),
                Arbitraries.of("0.001", "0.01", "0.05", "0.1", "0.2"))
                .as((minVisits, share, alpha) -> new PatternRule(minVisits, new BigDecimal(share), new BigDecimal(alpha)));
    }

    @Property(tries = 300)
    void qIsNeverBelowPAndMonotoneInP(@ForAll("families") List<StageCount> family, @ForAll("rules") PatternRule rule) {
        PatternEvidence evidence = PatternEvidence.of(family, rule);
        List<double[]> tests = new ArrayList<>();
        for (StageCount cell : family) {
            Evidence e = evidence.of(cell.ownerId(), cell.stage());
            assertEquals(e.rushedP() == null, e.rushedQ() == null);
            if (e.rushedP() != null) {
                tests.add(new double[] { e.rushedP(), e.rushedQ() });
                tests.add(new double[] { e.slowP(), e.slowQ() });
            }
        }
        for (double[] a : tests) {
            assertTrue(a[1] >= a[0] && a[1] <= 1.0, "q " + a[1] + " for p " + a[0]);
            for (double[] b : tests) {
                if (a[0] <= b[0]) {
                    assertTrue(a[1] <= b[1], "p " + a[0] + " <= " + b[0] + " but q " + a[1] + " > " + b[1]);
                }
            }
        }
    }

    @Property(tries = 300)
    void noFlagBelowMinVisitsOrWithoutATeam(@ForAll("families") List<StageCount> family, @ForAll("rules") PatternRule rule) {
        PatternEvidence evidence = PatternEvidence.of(family, rule);
        for (StageCount cell : family) {
            Evidence e = evidence.of(cell.ownerId(), cell.stage());
            boolean team = family.stream().anyMatch(c -> c.stage().equals(cell.stage()) && !c.ownerId().equals(cell.ownerId()));
            if (cell.visits() < rule.minVisits() || !team) {
                assertEquals(RepPattern.NONE, e.pattern());
                assertEquals(null, e.rushedP());
                assertEquals(null, e.slowQ());
            }
            if (!team) {
                assertEquals(null, e.teamRushedShare());
            }
        }
    }

    /** A rep whose visits follow the team's shares exactly (any multiple of the team's visits) is never flagged. */
    @Property(tries = 300)
    void visitsThatMatchTheTeamsSharesNeverCreateAFlag(@ForAll("families") List<StageCount> family,
            @ForAll("rules") PatternRule rule, @ForAll @IntRange(min = 1, max = 4) int times) {
        for (String stage : STAGES) {
            long n = 0;
            long k = 0;
            long l = 0;
            for (StageCount cell : family) {
                if (cell.stage().equals(stage)) {
                    n += cell.visits();
                    k += cell.rushed();
                    l += cell.slow();
                }
            }
            List<StageCount> withTwin = new ArrayList<>(family);
            withTwin.add(new StageCount("twin", stage, times * n, times * k, times * l));
            Evidence twin = PatternEvidence.of(withTwin, rule).of("twin", stage);
            assertEquals(RepPattern.NONE, twin.pattern(), "twin at " + stage + " of " + withTwin);
        }
    }
}
