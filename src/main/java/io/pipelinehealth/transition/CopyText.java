package io.pipelinehealth.transition;

import io.pipelinehealth.db.Jdbc;
import java.io.Reader;
import java.util.Iterator;
import java.util.List;

/**
 * Events as PostgreSQL {@code COPY ... from stdin} text (tab-separated, {@code \N} for null),
 * rendered one row at a time while the driver streams them, so a batch is never held twice.
 */
final class CopyText extends Reader {

    private final Iterator<TransitionEvent> events;
    private final StringBuilder row = new StringBuilder(256);
    private int position;

    private CopyText(List<TransitionEvent> events) {
        this.events = events.iterator();
    }

    static Reader reader(List<TransitionEvent> events) {
        return new CopyText(events);
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
        if (position == row.length()) {
            if (!events.hasNext()) {
                return -1;
            }
            row.setLength(0);
            position = 0;
            render(events.next());
        }
        int n = Math.min(length, row.length() - position);
        row.getChars(position, position + n, buffer, offset);
        position += n;
        return n;
    }

    private void render(TransitionEvent e) {
        field(e.eventId()).append('\t');
        field(e.opportunityId()).append('\t');
        field(e.pipelineId()).append('\t');
        field(e.stage()).append('\t');
        field(e.occurredAt().toString()).append('\t');
        field(e.ownerId()).append('\t');
        field(e.amount() == null ? null : e.amount().toPlainString()).append('\t');
        field(e.currency()).append('\t');
        field(Jdbc.json(e.attributes())).append('\n');
    }

    /** Backslash, tab, newline and carriage return are the characters COPY's text format escapes. */
    private StringBuilder field(String value) {
        if (value == null) {
            return row.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        return row;
    }

    @Override
    public void close() {
        // nothing held
    }
}
