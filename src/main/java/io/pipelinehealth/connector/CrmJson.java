package io.pipelinehealth.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.StrictJson;
import io.pipelinehealth.common.Text;
import java.io.IOException;
import java.util.List;

/**
 * A CRM's JSON as a tree. Unlike our own bodies, unknown fields are expected (CRMs add fields
 * over time), so the payload is read as a tree and only the fields used are checked; ids and
 * numbers may come as JSON numbers or strings.
 */
final class CrmJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(StrictJson.MAX_STRING)
                .maxNumberLength(StrictJson.MAX_NUMBER).maxNestingDepth(StrictJson.MAX_DEPTH).build());
    }

    private CrmJson() {
    }

    static JsonNode read(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw malformed("the body is empty; send the CRM's JSON payload");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed("the body is not valid JSON: " + Text.shorten(e.getOriginalMessage()));
        } catch (IOException e) {
            throw malformed("the body could not be read");
        }
    }

    static ApiException malformed(String detail) {
        return ApiException.badRequest("malformed-payload", "Malformed payload", detail);
    }

    static ApiException malformed(String detail, List<FieldError> errors) {
        return ApiException.badRequest("malformed-payload", "Malformed payload", detail, errors);
    }

    /** A scalar field as text (numbers as their digits); null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : null;
    }

    /** A field that must be a whole number (or a string of digits); null when it is not. */
    static Long number(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
