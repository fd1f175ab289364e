package io.pipelinehealth.analytics;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.Text;
import io.pipelinehealth.common.FieldError;
import java.math.BigDecimal;
import java.util.List;

/**
 * The thresholds of DOMAIN rule 11: a pattern needs at least {@code minVisits} closed visits, a
 * share of rushed (skipped included) or slow visits of at least {@code share}, compared exactly,
 * and a Benjamini–Hochberg q-value at or below {@code alpha}.
 */
public record PatternRule(int minVisits, BigDecimal share, BigDecimal alpha) {

    public static final int DEFAULT_MIN_VISITS = 5;
    public static final BigDecimal DEFAULT_SHARE = new BigDecimal("0.6");
    public static final BigDecimal DEFAULT_ALPHA = new BigDecimal("0.05");

    public static PatternRule of(String minVisits, String share, String alpha) {
        return new PatternRule(minVisits(minVisits), share(share), alpha(alpha));
    }

    /** A 422 naming {@code alpha}, as the issue that brought it asks: a well-formed request with a value out of range. */
    private static BigDecimal alpha(String text) {
        BigDecimal value = fraction(text, DEFAULT_ALPHA, 12);
        if (value == null) {
            String message = "alpha must be a decimal number greater than 0 and at most 1 (at most 12 decimals), such as "
                    + "0.05, not " + Text.quote(text);
            throw ApiException.unprocessable("invalid-parameter", "Invalid query parameter", message,
                    List.of(new FieldError(null, null, "alpha", message)));
        }
        return value;
    }

    private static int minVisits(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_MIN_VISITS;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("minVisits must be a whole number of at least 1, not " + Text.quote(text));
    }

    private static BigDecimal share(String text) {
        BigDecimal value = fraction(text, DEFAULT_SHARE, 6);
        if (value == null) {
            throw invalid("share must be a decimal number greater than 0 and at most 1 (at most 6 decimals), such as 0.6, "
                    + "not " + Text.quote(text));
        }
        return value;
    }

    /** A decimal in (0, 1] with at most {@code maxScale} decimals, the default when absent, null when invalid. */
    private static BigDecimal fraction(String text, BigDecimal absent, int maxScale) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            boolean valid = value.signum() > 0 && value.compareTo(BigDecimal.ONE) <= 0 && value.scale() <= maxScale;
            return valid ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest("invalid-parameter", "Invalid query parameter", detail);
    }
}
