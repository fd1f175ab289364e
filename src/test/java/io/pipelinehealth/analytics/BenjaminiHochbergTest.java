package io.pipelinehealth.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The step-up adjustment against the published example of Benjamini and Hochberg (1995). */
class BenjaminiHochbergTest {

    /**
     * The 15 p-values of the study in section 3.2 of Benjamini, Y. and Hochberg, Y. (1995),
     * "Controlling the false discovery rate", JRSS B 57(1): at a false discovery rate of 0.05 the
     * procedure rejects the four smallest. The q-values are m·p(j)/j, minimised from the top
     * (the values R's p.adjust(method = "BH") gives), worked out here by hand.
     */
    private static final double[] STUDY = { 0.0201, 0.0001, 0.3240, 0.0004, 0.0019, 0.0095, 0.0278, 0.0298, 0.0344,
            0.0459, 0.4262, 0.5719, 0.6528, 0.7590, 1.000 };

    @Test
    void thePublishedStudyRejectsTheFourSmallestAtFivePercent() {
        double[] q = BenjaminiHochberg.adjust(STUDY);
        assertEquals(4, Arrays.stream(q).filter(value -> value <= 0.05).count());
        double[] expected = { 0.0603, 0.0015, 0.486, 0.003, 0.0095, 0.035625, 15 * 0.0298 / 7, 15 * 0.0298 / 7, 0.0645,
                0.0765, 15 * 0.4262 / 11, 0.714875, 15 * 0.6528 / 13, 15 * 0.7590 / 14, 1.0 };
        assertArrayEquals(expected, q, 1e-12);
    }

    @Test
    void tiesShareTheirQAndTheLargestQIsTheLargestP() {
        assertArrayEquals(new double[] { 0.04, 0.04, 0.04, 0.9 }, BenjaminiHochberg.adjust(new double[] { 0.02, 0.03, 0.03, 0.9 }),
                1e-15);
        assertArrayEquals(new double[] { 0.9, 0.9 }, BenjaminiHochberg.adjust(new double[] { 0.8, 0.9 }), 1e-15);
        double p = 0.9829721362229102;
        assertEquals(p, BenjaminiHochberg.adjust(new double[] { p, p, p })[2], "exactly p, not one unit below");
        assertArrayEquals(new double[] { 0.3 }, BenjaminiHochberg.adjust(new double[] { 0.3 }));
        assertArrayEquals(new double[0], BenjaminiHochberg.adjust(new double[0]));
    }
}
