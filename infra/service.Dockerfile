# Multi-stage build of one Spring Boot application; the build arguments choose which:
#   MODULE    the Maven module: order-service, notification-service, ops-console or infra/identity (the authorization
#             server)
#   ARTIFACT  its executable jar in MODULE/target: order-service.jar, notification-service.jar, ops-console.jar,
#             identity-exec.jar
#   PORT      its HTTP port (8080, 8081, 8090, 9000)
# Build from the repository root (the build needs the sibling modules), e.g.
#   docker build -f infra/service.Dockerfile --build-arg MODULE=order-service --build-arg ARTIFACT=order-service.jar \
#       --build-arg PORT=8080 -t ordersystem/order-service .
# infra/compose.yaml builds all four with it.
FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
# The dependencies first, from the poms alone: this layer is reused until a pom changes.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY common-events/pom.xml common-events/
COPY common-web/pom.xml common-web/
COPY order-service/pom.xml order-service/
COPY notification-service/pom.xml notification-service/
COPY ops-console/pom.xml ops-console/
COPY infra/pom.xml infra/
COPY infra/local-stack/pom.xml infra/local-stack/
COPY infra/identity/pom.xml infra/identity/
COPY infra/system/pom.xml infra/system/
COPY infra/benchmark/pom.xml infra/benchmark/
RUN ./mvnw -B -ntp -q -pl ${MODULE} -am dependency:go-offline
COPY . .
RUN ./mvnw -B -ntp -q -pl ${MODULE} -am -DskipTests package

FROM eclipse-temurin:17-jre
ARG MODULE
ARG ARTIFACT
ARG PORT
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system app && useradd --system --gid app --home-dir /app app
WORKDIR /app
COPY --from=build /src/${MODULE}/target/${ARTIFACT} app.jar
USER app
ENV SERVER_PORT=${PORT}
EXPOSE ${PORT}
# healthy = ready to serve: its database answers (order-service takes orders without Kafka, that is the outbox's point;
# the authorization server has no database: it is ready once started); the relay, Kafka and SMTP are separate
# indicators of /actuator/health, for alerting, not for restarts
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
    CMD curl -fsS "http://localhost:${SERVER_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
