package io.pipelinehealth.connector;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Connectors made through the API and the CRM payload fixtures of src/test/resources/connectors. */
final class ConnectorFixtures {

    private ConnectorFixtures() {
    }

    /** A fixture with each {@code ${name}} replaced by its value. */
    static String fixture(String name, Map<String, String> values) {
        try (InputStream in = ConnectorFixtures.class.getResourceAsStream("/connectors/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace("${" + value.getKey() + "}", value.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> stage(String crmStage, String pipelineId, String stage) {
        return Map.of("crmStage", crmStage, "pipelineId", pipelineId, "stage", stage);
    }

    static Map<String, Object> body(String kind, List<Map<String, Object>> stages, Map<String, String> owners,
            Map<String, String> attributes, String secret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("name", kind.toLowerCase() + " test");
        body.put("stages", stages);
        if (owners != null) {
            body.put("owners", owners);
        }
        if (attributes != null) {
            body.put("attributes", attributes);
        }
        if (secret != null) {
            body.put("secret", secret);
        }
        return body;
    }

    /** Creates a connector with the test bootstrap key (admin of tenant "default") and answers its id. */
    static String create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/connectors")
                .then().statusCode(201).extract().path("id");
    }
}
