package io.pipelinehealth.common;

import java.util.Comparator;

/**
 * Compares strings by Unicode code points, the order PostgreSQL's {@code COLLATE "C"} gives
 * UTF-8 text. {@link String#compareTo} compares UTF-16 units and disagrees outside the BMP.
 */
public final class CodePointOrder implements Comparator<String> {

    public static final CodePointOrder INSTANCE = new CodePointOrder();

    private CodePointOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
