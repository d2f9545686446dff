# The container image of one service: frontend, orders or payments, chosen by the SERVICE build
# argument. Build context: the repository root, after `./mvnw package` (<service>/target/<service>.jar
# with its dependencies in <service>/target/lib/):
#
#   docker build --build-arg SERVICE=orders -t storefront/orders .
#
# JAVA_IMAGE: any Java 25 (or later) JRE image with a shell: the start-up cache below is the
# JDK's ahead-of-time cache (JDK 25's -XX:AOTCacheOutput). The air-gapped machines pass the stand-in
# from scripts/air-gapped-images.sh.
#
# Why one Dockerfile at the root, with the root as context: every builder that builds these images
# must read the same ignore file. docker-compose 1.29 (docker-py), Testcontainers (docker-java) and
# `docker build` without buildx (this engine) use the legacy builder, which reads only
# <context>/.dockerignore; a Dockerfile-specific <Dockerfile>.dockerignore is honoured by BuildKit
# alone. And CDK stages an image asset by copying its directory, so the Dockerfile must lie inside
# the context. The root .dockerignore therefore admits this file and the three services'
# target/lib/ and jar, nothing else (no sources, no other module's target/, no .git, node_modules
# or cdk.out). An ignore file cannot depend on a build argument, so a plain build's context carries
# all three services' jars; only the selected one is copied. CDK narrows the context to the selected
# service (see infra-cdk's ServiceImages), so a service's asset hash depends on its own jars alone.
ARG JAVA_IMAGE=eclipse-temurin:25-jre
FROM ${JAVA_IMAGE}

# curl is what the container health checks run (this HEALTHCHECK, and ECS's in infra-cdk).
# The official Temurin image and the stand-in have it; another JRE image gets it installed.
# Before the SERVICE argument is declared: this layer and the ones up to the COPYs are the same
# for the three services, so the build cache and the registry store them once.
RUN set -eu; \
    if ! command -v curl >/dev/null; then \
      apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*; \
    fi; \
    groupadd --system --gid 10001 storefront; \
    useradd --system --uid 10001 --gid storefront --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin storefront; \
    install -d -o 10001 -g 10001 /app/aot

WORKDIR /app
USER 10001:10001
EXPOSE 8080
ENV MICRONAUT_SERVER_PORT=8080

# Liveness only (docs/api.md): a dependency outage must not make the container unhealthy.
# Same timings as the ECS container health check (docs/timing-ladder.md).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://localhost:8080/health/liveness"]

# Exec form: the JVM is PID 1 and gets docker stop's / ECS's SIGTERM for the drain (docs/drain.md).
# Heap as a share of the container's memory limit, never a fixed -Xmx. Native memory the JVM frees
# (the JIT compilers' arenas, mostly) goes back to the OS every 5 s instead of staying in glibc's
# heap (TrimNativeHeapInterval): about 20 MiB less RSS per service after load.
# The JVM writes temp files to /tmp: with a read-only root filesystem, mount a tmpfs there.
# The ahead-of-time cache made below shortens startup (see there). The exec form expands no
# variables, so the service jar has the same name, /app/app.jar, in every image.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:TrimNativeHeapInterval=5000", \
            "-XX:AOTCache=/app/aot/app.aot", "-jar", "/app/app.jar"]

# frontend, orders or payments. No default: an image must say which service it is.
ARG SERVICE

# Last, so every instruction above stays cached when the jars change. Dependencies first, in their
# own layer: a code change re-copies only the service jar. Owned by root, read-only to the user.
# (The jar's manifest names its dependencies as lib/<jar>, relative to the jar: /app/lib.)
COPY ${SERVICE}/target/lib/ /app/lib/
COPY ${SERVICE}/target/${SERVICE}.jar /app/app.jar

# The JDK's ahead-of-time cache (JEP 483, 514, 515): one training start here records the classes a
# start and its first requests load, already linked, with the method profiles of that run
# (-XX:AOTCacheOutput: at exit the JVM assembles the cache); every later start maps them instead of
# reading, verifying and linking them from the jars, and the JIT starts from those profiles.
# Once live, the training start serves three rounds of the launcher's training requests
# (local's TrainingRequests, the same list for every service, each answering 404 for the others'
# paths; TrainingRequestsTest holds the train lines below equal to it): read-only or rejected before
# anything is written, and here answered 503 where they need a dependency, which trains that path.
# The cache holds for the JVM that made it: the base image's JDK (a base before JDK 25 fails the
# build here; it would need AppCDS, -XX:ArchiveClassesAtExit and -XX:SharedArchiveFile, as the
# launcher uses there).
# Measured on a 2-core build machine, container started to first readiness 200 under a 512 MiB
# limit, medians of 5, this JDK 25 cache against the JDK 21 AppCDS archive the images had before:
# frontend 2.99 -> 2.63 s, orders 4.93 -> 4.41 s, payments 3.55 -> 3.23 s. The training is local
# only (no database, no AWS), and a training start that does not answer within 2 minutes (generous:
# the CDK app builds arm64 images, under emulation on an x86 machine) fails the build.
# What each service needs to start without its dependencies:
# - frontend: nothing (orders is only called per request).
# - orders trains without a database: the pool may start empty and Flyway is off for this run only.
# - payments trains against a closed local port, never AWS.
RUN set -eu; \
    export DRAIN_DELAY=0s SHUTDOWN_GRACE_PERIOD=1s; \
    case "${SERVICE}" in \
      frontend) ;; \
      orders) export DB_URL=jdbc:postgresql://127.0.0.1:1/orders DB_USERNAME=training \
                FLYWAY_DATASOURCES_DEFAULT_ENABLED=false DATASOURCES_DEFAULT_INITIALIZATION_FAIL_TIMEOUT=-1 ;; \
      payments) export DYNAMODB_ENDPOINT=http://127.0.0.1:1 AWS_ACCESS_KEY_ID=training \
                  AWS_SECRET_ACCESS_KEY=training ;; \
      *) echo "SERVICE build argument: '${SERVICE}'; expected frontend, orders or payments" >&2; exit 1 ;; \
    esac; \
    java -XX:AOTCacheOutput=/app/aot/app.aot -jar /app/app.jar >/tmp/training.log 2>&1 & pid=$!; \
    i=0; until curl -fs -o /dev/null http://localhost:8080/health/liveness 2>/dev/null; do \
      i=$((i + 1)); \
      if [ "$i" -ge 480 ] || ! kill -0 "$pid" 2>/dev/null; then cat /tmp/training.log; exit 1; fi; \
      sleep 0.25; \
    done; \
    train() { \
      if [ $# -ge 3 ]; then \
        curl -s -o /dev/null -m 5 -X "$1" -H 'Content-Type: application/json' --data-raw "$3" "http://localhost:8080$2"; \
      else curl -s -o /dev/null -m 5 -X "$1" "http://localhost:8080$2"; fi; \
    }; \
    for round in 1 2 3; do \
      train GET /health/readiness; \
      train GET /no-such-path; \
      train GET /api/products; \
      train GET /products; \
      train GET /api/orders/00000000-0000-4000-8000-000000000000; \
      train GET /orders/00000000-0000-4000-8000-000000000000; \
      train GET /payments/00000000-0000-4000-8000-000000000000; \
      train POST /api/checkout '{"customerEmail":"training@example.com","items":[{"sku":"TRAINING-NO-SUCH-SKU","quantity":1}]}'; \
      train POST /orders '{"customerEmail":"training@example.com","items":[{"sku":"TRAINING-NO-SUCH-SKU","quantity":1}]}'; \
      train POST /api/checkout '{"customerEmail":'; \
      train PUT /payments/00000000-0000-4000-8000-000000000000 '{"amountCents":0,"currency":"USD"}'; \
    done; \
    kill -TERM "$pid"; wait "$pid" || true; \
    test -s /app/aot/app.aot; \
    rm -f /tmp/training.log
