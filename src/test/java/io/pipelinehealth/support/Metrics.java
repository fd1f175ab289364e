package io.pipelinehealth.support;

import static io.restassured.RestAssured.given;

/** The service's Prometheus samples as a scrape of /q/metrics gives them (the test key may read it). */
public final class Metrics {

    private final String text;

    private Metrics(String text) {
        this.text = text;
    }

    /** One scrape; read several samples from it. */
    public static Metrics scrape() {
        return new Metrics(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** A sample summed over its labels, 0 when absent. */
    public double sample(String name) {
        return text.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
