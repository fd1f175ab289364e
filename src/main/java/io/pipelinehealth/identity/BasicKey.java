package io.pipelinehealth.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code Authorization: Basic base64(user:key)}: any user name, one of our keys as the password (OData, issue 22). */
final class BasicKey {

    private static final String BASIC = "Basic ";

    private BasicKey() {
    }

    /** The password of a Basic header, or null when the header is not one. */
    static String password(String header) {
        if (!header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 || colon == decoded.length() - 1 ? null : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
