package io.pipelinehealth.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml is the public contract, kept by hand. The spec the service serves is generated
 * from the code; this test fails when the two drift apart: paths, operations, their request
 * media types and response codes, and the schemas with their properties.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @Test
    void servedSpecMatchesTheContract() throws IOException {
        JsonNode served = new ObjectMapper().readTree(
                given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
        assertEquals(String.join("\n", outline(contract)), String.join("\n", outline(served)),
                "openapi.yaml and the served /q/openapi differ (left: openapi.yaml, right: served)");
    }

    @Test
    void everyErrorAnswerIsAProblemDocument() throws IOException {
        JsonNode served = new ObjectMapper().readTree(
                given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        List<String> notProblems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : entries(served.path("paths"))) {
            for (Map.Entry<String, JsonNode> operation : entries(path.getValue())) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> answer : entries(operation.getValue().path("responses"))) {
                    JsonNode resolved = answer.getValue().has("$ref")
                            ? resolve(served, answer.getValue().get("$ref").asText()) : answer.getValue();
                    if (answer.getKey().startsWith("4") && !"#/components/schemas/Problem".equals(
                            resolved.path("content").path("application/problem+json").path("schema").path("$ref").asText())) {
                        notProblems.add(operation.getKey().toUpperCase() + " " + path.getKey() + " " + answer.getKey());
                    }
                }
            }
        }
        assertEquals(List.of(), notProblems, "4xx answers the served spec gives without the Problem schema");
        assertEquals("object", served.at("/components/schemas/Problem/type").asText(), "the Problem schema is served");
    }

    /** One sorted line per path operation and per schema. */
    static List<String> outline(JsonNode spec) {
        Set<String> lines = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : entries(spec.path("paths"))) {
            for (Map.Entry<String, JsonNode> operation : entries(path.getValue())) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                JsonNode op = operation.getValue();
                lines.add("operation " + operation.getKey().toUpperCase() + " " + path.getKey()
                        + " consumes " + names(op.path("requestBody").path("content"))
                        + " responds " + names(op.path("responses"))
                        + " parameters " + parameterNames(spec, op.path("parameters"), path.getValue().path("parameters")));
            }
        }
        for (Map.Entry<String, JsonNode> schema : entries(spec.path("components").path("schemas"))) {
            lines.add("schema " + schema.getKey() + " " + names(schema.getValue().path("properties")));
        }
        return new ArrayList<>(lines);
    }

    private static Set<String> parameterNames(JsonNode spec, JsonNode... lists) {
        Set<String> names = new TreeSet<>();
        for (JsonNode list : lists) {
            for (JsonNode parameter : list) {
                JsonNode resolved = parameter.has("$ref") ? resolve(spec, parameter.get("$ref").asText()) : parameter;
                names.add(resolved.path("in").asText() + ":" + resolved.path("name").asText());
            }
        }
        return names;
    }

    /** A local reference such as {@code #/components/parameters/asOf}. */
    private static JsonNode resolve(JsonNode spec, String ref) {
        return spec.at(ref.substring(1));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Iterable<Map.Entry<String, JsonNode>> entries(JsonNode object) {
        return () -> {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            return fields;
        };
    }
}
