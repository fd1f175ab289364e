package io.pipelinehealth.analytics;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.Text;
import java.math.BigDecimal;

/**
 * The thresholds of DOMAIN rule 11: a pattern needs at least {@code minVisits} closed visits and a
 * share of rushed (skipped included) or slow visits of at least {@code share}, compared exactly.
 */
public record PatternRule(int minVisits, BigDecimal share) {

    public static final int DEFAULT_MIN_VISITS = 5;
    public static final BigDecimal DEFAULT_SHARE = new BigDecimal("0.6");

    public static PatternRule of(String minVisits, String share) {
        return new PatternRule(minVisits(minVisits), share(share));
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
        if (text == null || text.isEmpty()) {
            return DEFAULT_SHARE;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() > 0 && value.compareTo(BigDecimal.ONE) <= 0 && value.scale() <= 6) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("share must be a decimal number greater than 0 and at most 1 (at most 6 decimals), such as 0.6, not "
                + Text.quote(text));
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest("invalid-parameter", "Invalid query parameter", detail);
    }
}
