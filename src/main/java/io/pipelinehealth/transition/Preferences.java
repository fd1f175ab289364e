package io.pipelinehealth.transition;

import java.util.Locale;

/** The Prefer request header (RFC 7240): a comma-separated list of preferences, each maybe with a value. */
final class Preferences {

    static final String RESPOND_ASYNC = "respond-async";

    private Preferences() {
    }

    static boolean respondAsync(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            String token = preference.split("[;=]", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (token.equals(RESPOND_ASYNC)) {
                return true;
            }
        }
        return false;
    }
}
