# syntax=docker/dockerfile:1
# Build: docker build -t pipeline-health .
# Run:   docker run -p 8080:8080 \
#          -e QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://db:5432/pipeline_health \
#          -e QUARKUS_DATASOURCE_USERNAME=... -e QUARKUS_DATASOURCE_PASSWORD=... pipeline-health
# The image never starts an embedded database: without a JDBC URL it stops with a clear error.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw ./
COPY .mvn .mvn
COPY pom.xml ./
RUN ./mvnw -B -q dependency:resolve dependency:resolve-plugins || true
COPY src src
RUN ./mvnw -B package -DskipTests

FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 185 --no-create-home --home-dir /deployments --shell /usr/sbin/nologin app
WORKDIR /deployments
COPY --from=build --chown=185 /build/target/quarkus-app/lib/ ./lib/
COPY --from=build --chown=185 /build/target/quarkus-app/*.jar ./
COPY --from=build --chown=185 /build/target/quarkus-app/app/ ./app/
COPY --from=build --chown=185 /build/target/quarkus-app/quarkus/ ./quarkus/
# The JVM settings that keep the service under 300 MB RSS (docs/benchmarks.md); to change them,
# mount another file over /deployments/jvm.options.
COPY --chown=185 src/main/jvm/jvm.options ./jvm.options
# The embedded PostgreSQL is for a machine with only a JDK; the image never starts it, so it does
# not ship its binaries (a 15 MB jar). Checked without Docker: the packaged service with this jar
# deleted starts on an external PostgreSQL and answers.
RUN find /deployments/lib -name '*embedded-postgres-binaries*' -delete
USER 185
ENV PIPELINE_HEALTH_EMBEDDED_DB_ENABLED=false
ENV MALLOC_ARENA_MAX=2
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS http://localhost:8080/q/health/ready || exit 1
ENTRYPOINT ["java", "@/deployments/jvm.options", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "quarkus-run.jar"]
