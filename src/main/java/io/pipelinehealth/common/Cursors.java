package io.pipelinehealth.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The one place page cursors are read and issued. A cursor is signed with the server's cursor
 * secret and bound to the tenant and to the query of the page that issued it (see
 * {@link PageRequest}); every list service reads its position through {@link Position}.
 */
@ApplicationScoped
public class Cursors {

    @Inject TenantResolver tenants;
    @Inject CursorSecret secret;

    /** The paging of one list request: its limit, where it starts, and how to issue the next cursor. */
    public Paging open(PageRequest request) {
        String binding = tenants.currentTenant() + "\n" + request.query();
        String cursor = request.cursor();
        Position after = cursor == null ? null : new Position(PageCursor.decode(secret.key(), binding, cursor));
        return new Paging(request.limit(), after, binding);
    }

    /**
     * A signed token outside page cursors, bound to the tenant and a scope of the caller's choice
     * (issue 22: the visit feed's change cursor, bound to its pipeline); a tampered one is a 400.
     */
    public String sign(String scope, Object... values) {
        return PageCursor.encode(secret.key(), tenants.currentTenant() + "\n" + scope,
                Arrays.stream(values).map(String::valueOf).toList());
    }

    public Position verify(String scope, String token) {
        return new Position(PageCursor.decode(secret.key(), tenants.currentTenant() + "\n" + scope, token));
    }

    public final class Paging {

        private final int limit;
        private final Position after;
        private final String binding;

        private Paging(int limit, Position after, String binding) {
            this.limit = limit;
            this.after = after;
            this.binding = binding;
        }

        public int limit() {
            return limit;
        }

        /** The position after which this page starts, or null on the first page. */
        public Position after() {
            return after;
        }

        /** The cursor of the page after an item at this position. */
        public String next(Object... values) {
            return PageCursor.encode(secret.key(), binding,
                    Arrays.stream(values).map(String::valueOf).toList());
        }

        /**
         * The page of {@code rows}, read with one row more than the limit: the first limit rows,
         * and when the extra row came, the cursor after the last of them, at its {@code position}.
         */
        public <T> Page<T> page(List<T> rows, Function<T, List<?>> position) {
            if (rows.size() <= limit) {
                return new Page<>(rows, null);
            }
            List<T> items = List.copyOf(rows.subList(0, limit));
            return new Page<>(items, next(position.apply(items.get(limit - 1)).toArray()));
        }
    }

    /** The values of a verified cursor, read by type; a value that does not read is a 400. */
    public record Position(List<String> values) {

        public String string(int index) {
            return index < values.size() ? values.get(index) : fail();
        }

        public Instant instant(int index) {
            try {
                return Instant.parse(string(index));
            } catch (DateTimeParseException e) {
                return fail();
            }
        }

        public long number(int index) {
            try {
                return Long.parseLong(string(index));
            } catch (NumberFormatException e) {
                return fail();
            }
        }

        private static <T> T fail() {
            throw PageCursor.invalid();
        }
    }
}
