package io.pipelinehealth.identity;

import static io.restassured.RestAssured.given;

import io.pipelinehealth.support.ApiKeyExtension;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keys and tenants for tests, made through the API. */
public final class Keys {

    private Keys() {
    }

    public static RequestSpecification as(String key) {
        return given().header("Authorization", ApiKeyExtension.bearer(key));
    }

    public static RequestSpecification anonymous() {
        return given().header("Authorization", ApiKeyExtension.NO_KEY);
    }

    /** A new key made by {@code adminKey} in its tenant; answers the key itself. */
    public static String create(String adminKey, String name, List<String> roles, String ownerId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("roles", roles);
        if (ownerId != null) {
            body.put("ownerId", ownerId);
        }
        return as(adminKey).contentType(ContentType.JSON).body(body).post("/api/v1/keys")
                .then().statusCode(201).extract().path("key");
    }

    /** A new tenant (made with the test bootstrap key, an operator key); answers its first admin key. */
    public static String tenant(String id) {
        return given().contentType(ContentType.JSON).body(Map.of("id", id, "name", "Tenant " + id))
                .post("/api/v1/tenants").then().statusCode(201).extract().path("key.key");
    }
}
