package io.pipelinehealth.visit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The stable key of each position of an opportunity (issue 22's visitKey): md5 of the opportunity,
 * the stage, the entry instant in epoch microseconds, and how many earlier positions share that
 * stage and entry. The same formula as the backfill of V18 (PostgreSQL's length counts code
 * points, so the prefixes here do too). Not a secret: md5 only spreads the keys evenly.
 */
public final class VisitKeys {

    private VisitKeys() {
    }

    /** One key per position, in the given (seq) order: computed over the whole history, never a tail alone. */
    public static List<String> of(String opportunityId, List<Position> positions) {
        List<String> keys = new ArrayList<>(positions.size());
        Map<String, Integer> seen = new HashMap<>();
        for (Position p : positions) {
            String base = prefixed(opportunityId) + "|" + prefixed(p.stage()) + "|" + micros(p.enteredAt());
            int n = seen.merge(base, 1, Integer::sum) - 1;
            keys.add(md5(base + "|" + n));
        }
        return keys;
    }

    private static String prefixed(String text) {
        return text.codePointCount(0, text.length()) + ":" + text;
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
