package io.pipelinehealth.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Makes the application's ObjectMapper strict for every request body: a duplicate key or content
 * after the root value is malformed JSON (400), an unknown field is refused (422, so a typo such
 * as {@code "ammount"} cannot lose data), and every string, map key included, passes
 * {@link Text#problem} (422 naming the field) before any parser or JDBC sees it; a number or
 * boolean where a string belongs is refused rather than turned into text. Strings, numbers
 * and nesting have hard parse limits, so no single value can take much memory.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Longer strings are refused while parsing (400), shorter ones too long for a field name it (422). */
    public static final int MAX_STRING = 65_536;
    public static final int MAX_NUMBER = 100;
    public static final int MAX_DEPTH = 64;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING).maxNumberLength(MAX_NUMBER).maxNestingDepth(MAX_DEPTH).build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.registerModule(new SimpleModule("strict-text")
                .addDeserializer(String.class, new CheckedString())
                .addKeyDeserializer(String.class, new CheckedKey()));
    }

    /** A string the client sent that {@link Text} refuses; Jackson adds the path to it. */
    public static final class RejectedText extends JsonMappingException {
        RejectedText(JsonParser parser, String message) {
            super(parser, message);
        }
    }

    private static final class CheckedString extends StdScalarDeserializer<String> {
        CheckedString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            // Jackson would turn 42 or true into "42" or "true": a number where text belongs is more
            // likely a mistake (an id column exported as numbers) than a choice, so it is named.
            if (p.currentToken() != null && p.currentToken().isScalarValue() && p.currentToken() != JsonToken.VALUE_STRING) {
                throw new RejectedText(p, "must be a JSON string, not " + p.getText());
            }
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            String problem = Text.problem(value);
            if (problem != null) {
                throw new RejectedText(p, problem);
            }
            return value;
        }
    }

    private static final class CheckedKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String problem = Text.problem(key);
            if (problem != null) {
                throw new RejectedText(ctxt.getParser(), "key " + Text.quote(key) + " " + problem);
            }
            return key;
        }
    }
}
