package io.pipelinehealth.common;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * A body Jackson could not read, as a problem that says what is wrong and where ({@code [3].amount})
 * in words that name no Java type: 400 for a body that is not what the endpoint reads, 422 for
 * well-formed JSON naming an unknown field or carrying text we refuse.
 */
final class JsonProblems {

    private JsonProblems() {
    }

    /** The JSON failure somewhere in the chain of {@code e}, if any. */
    static JsonProcessingException cause(Throwable e) {
        return Causes.find(e, JsonProcessingException.class).orElse(null);
    }

    static Response malformedBody(JsonProcessingException e, HttpServerRequest request) {
        Location at = Location.of(e);
        String what = describe(e);
        List<FieldError> errors = at.index() == null && at.field() == null
                ? null
                : List.of(new FieldError(at.index(), null, at.field(), what));
        if (e instanceof UnrecognizedPropertyException) {
            return Problem.of(422, "unknown-field", "Unknown field", "Unknown field " + at.path() + ": " + what + ".",
                    request, errors);
        }
        if (e instanceof StrictJson.RejectedText) {
            return Problem.of(422, "invalid-text", "Invalid text", "Invalid value at " + at.path() + ": " + what + ".",
                    request, errors);
        }
        String detail = at.path().isEmpty()
                ? "Malformed JSON body: " + what + "."
                : "Malformed JSON body at " + at.path() + ": " + what + ".";
        return Problem.of(400, "malformed-body", "Malformed request body", detail, request, errors);
    }

    /** What is wrong, in words that name no Java type. */
    private static String describe(JsonProcessingException e) {
        if (Causes.find(e, StreamConstraintsException.class).isPresent()) {
            return "a string, number or nesting is longer or deeper than the service reads (strings "
                    + StrictJson.MAX_STRING + " characters, numbers " + StrictJson.MAX_NUMBER + " digits, nesting "
                    + StrictJson.MAX_DEPTH + " levels)";
        }
        // Jackson wraps a syntax error met while binding in a mapping exception that carries the path.
        StreamReadException syntax = Causes.<StreamReadException>find(e, StreamReadException.class,
                t -> !MismatchedInputException.class.isInstance(t)).orElse(null);
        if (syntax != null) {
            JsonLocation location = syntax.getLocation();
            String message = syntax.getOriginalMessage();
            String what = message != null && message.startsWith("Duplicate field ")
                    ? "duplicate key " + Text.quote(message.substring("Duplicate field ".length()).replace("'", ""))
                    : "not valid JSON";
            return location == null || location.getLineNr() < 0
                    ? what
                    : what + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field " + Text.quote(unknown.getPropertyName()) + "; known fields: "
                    + unknown.getKnownPropertyIds();
        }
        if (e instanceof StrictJson.RejectedText rejected) {
            return rejected.getOriginalMessage();
        }
        if (e instanceof MismatchedInputException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Trailing token")) {
            return "content after the end of the JSON value; send one JSON value";
        }
        if (e instanceof InvalidFormatException invalid) {
            return "invalid value " + (invalid.getValue() instanceof String s ? Text.quote(s)
                    : Text.shorten(String.valueOf(invalid.getValue())));
        }
        if (e instanceof MismatchedInputException) {
            return "wrong JSON type or missing value";
        }
        if (e instanceof ValueInstantiationException) {
            return "invalid value";
        }
        return "cannot be read";
    }

    /** Where in the body: the path ({@code [3].amount}), the batch index and the field within the item. */
    private record Location(String path, Integer index, String field) {

        static Location of(JsonProcessingException e) {
            if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
                return new Location("", null, null);
            }
            StringBuilder sb = new StringBuilder();
            Integer index = null;
            List<JsonMappingException.Reference> refs = mapping.getPath();
            for (int i = 0; i < refs.size(); i++) {
                JsonMappingException.Reference ref = refs.get(i);
                if (ref.getIndex() >= 0) {
                    if (i == 0) {
                        index = ref.getIndex();
                    }
                    sb.append('[').append(ref.getIndex()).append(']');
                } else if (ref.getFieldName() != null) {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(ref.getFieldName());
                }
            }
            String path = sb.toString();
            if (index == null) {
                return new Location(path, null, path);
            }
            String rest = path.substring(path.indexOf(']') + 1);
            return new Location(path, index, rest.startsWith(".") ? rest.substring(1) : rest.isEmpty() ? null : rest);
        }
    }
}
