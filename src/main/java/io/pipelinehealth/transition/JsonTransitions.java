package io.pipelinehealth.transition;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.pipelinehealth.common.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON batch one event at a time with the application's (strict) ObjectMapper, so a
 * body with more than {@link IngestService#MAX_BATCH} events is refused at the first event past
 * the limit rather than after binding all of them. Binding errors carry the event's index.
 */
final class JsonTransitions {

    private JsonTransitions() {
    }

    static List<TransitionInput> read(InputStream body, ObjectMapper json) throws IOException {
        // the reader binds one element at a time; what follows an element is the array, not trailing content
        ObjectReader reader = json.readerFor(TransitionInput.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        List<TransitionInput> events = new ArrayList<>();
        try (JsonParser parser = json.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return events;
            }
            if (first != JsonToken.START_ARRAY) {
                throw ApiException.badRequest("malformed-body", "Malformed request body",
                        "Malformed JSON body: a batch is a JSON array of 1 to " + IngestService.MAX_BATCH + " events.");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (events.size() == IngestService.MAX_BATCH) {
                    throw IngestService.tooLarge();
                }
                try {
                    events.add(reader.readValue(parser));
                } catch (JsonMappingException e) {
                    e.prependPath(events, events.size());
                    throw e;
                }
            }
            if (parser.nextToken() != null) {
                throw ApiException.badRequest("malformed-body", "Malformed request body", "Malformed JSON body: content "
                        + "after the end of the array (line " + parser.currentLocation().getLineNr()
                        + "); send one JSON array.");
            }
        }
        return events;
    }
}
