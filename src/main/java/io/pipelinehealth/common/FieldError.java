package io.pipelinehealth.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One problem with one part of a request. {@code index} is the position of the item in a list
 * body, {@code eventId} the id of that item when it has one, {@code field} the path of the field
 * within the item (or within the body), {@code message} what is wrong. Null parts are omitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(Integer index, String eventId, String field, String message) {

    /** Longest message an error carries; values inside it are already cut by {@link Text#quote}. */
    static final int MAX_MESSAGE = 1000;

    /** Whatever a client sent is echoed shortened, so a huge bad value cannot make a huge error. */
    public FieldError {
        eventId = Text.shorten(eventId);
        field = Text.shorten(field);
        message = Text.shorten(message, MAX_MESSAGE);
    }

    public static FieldError of(String field, String message) {
        return new FieldError(null, null, field, message);
    }
}
