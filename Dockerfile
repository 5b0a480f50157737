# Data in Motion as a container image: `docker build -t data-in-motion .` from the repository root
# (compose/docker-compose.yml builds it the same way). Two stages: Maven + JDK 17 + Node.js build the
# classes, the web UI and the runtime dependencies; a JRE 17 runs them as routes.Application, as
# `mvn exec:exec` does.

# --- node and npm for the web UI (ui/, built by Maven into the classes); Node.js 20+ is needed
FROM node:22.14.0-bookworm-slim AS node

# --- build: the jar and its runtime dependencies (target/dependency)
FROM maven:3.9.9-eclipse-temurin-17 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && node --version && npm --version
WORKDIR /build
COPY pom.xml ./
COPY ui ui
COPY src/main src/main
# compile runs the UI's npm ci and build (generate-resources); no tests here: `mvn -B verify` runs them
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    mvn -B -q compile jar:jar dependency:copy-dependencies -DincludeScope=runtime \
    && mkdir -p /app/lib \
    && cp target/data-in-motion-*.jar /app/app.jar \
    && cp target/dependency/*.jar /app/lib/ \
    && test -f target/classes/webroot/index.html

# --- runtime: a JRE, the jar and its dependencies, a non-root user, data on a volume
FROM eclipse-temurin:17.0.15_6-jre-noble
RUN groupadd --system --gid 10001 dim \
    && useradd --system --uid 10001 --gid dim --home-dir /var/lib/dim --no-create-home dim \
    && mkdir -p /var/lib/dim && chown dim:dim /var/lib/dim
COPY --from=build /app/lib /app/lib
COPY --from=build /app/app.jar /app/app.jar
WORKDIR /var/lib/dim
ENV DIM_DATA_DIR=/var/lib/dim \
    DIM_HTTP_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER dim
VOLUME ["/var/lib/dim"]
EXPOSE 8080
# /health answers 200 when Kafka, the database and the storage roots are up (503 otherwise); bash's
# /dev/tcp needs no curl in the image
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=4 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${DIM_HTTP_PORT:-8080} && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
# exec form: java is PID 1 and gets SIGTERM, so Camel Main shuts down gracefully (camel.main.shutdown-timeout)
ENTRYPOINT ["java", "-cp", "/app/app.jar:/app/lib/*", "routes.Application"]
