package io.pipelinehealth.ui;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A diverging bar for an SVG: actual against standard as a share, drawn from a centre line, left
 * for faster than the standard and right for slower. {@link #SCALE} pixels are 100 %; bars are cut
 * at ±150 % (the label still says the true share).
 */
public record Diverging(int x, int width, String side, String label) {

    static final int CENTRE = 330;
    static final int SCALE = 200;
    static final double CUT = 1.5;

    /** deviation / standard; null or a zero standard draws nothing. */
    static Diverging of(BigDecimal deviation, Long standard) {
        if (deviation == null || standard == null || standard == 0) {
            return new Diverging(CENTRE, 0, "even", "no figure");
        }
        double share = deviation.divide(BigDecimal.valueOf(standard), MathContext.DECIMAL64).doubleValue();
        int pixels = (int) Math.round(Math.min(CUT, Math.abs(share)) * SCALE);
        String label = (share > 0 ? "+" : share < 0 ? "−" : "±") + Math.round(Math.abs(share) * 100) + " %";
        if (share < 0) {
            return new Diverging(CENTRE - pixels, pixels, "faster", label);
        }
        return new Diverging(CENTRE, pixels, share > 0 ? "slower" : "even", label);
    }

    /** Where the label goes: past the bar's end, on its side. */
    public int labelX() {
        return side.equals("faster") ? x - 6 : x + width + 6;
    }

    public String anchor() {
        return side.equals("faster") ? "end" : "start";
    }
}
