# Stand-in for amazon/dynamodb-local, built by scripts/air-gapped-images.sh from the Maven Central
# jar on the stand-in JRE image. Same layout and entrypoint as the official image, so
# docker-compose.yml and the e2e tests pass the same command to either.
ARG JAVA_IMAGE
FROM ${JAVA_IMAGE}
WORKDIR /home/dynamodblocal
COPY . /home/dynamodblocal/
USER 1000:1000
EXPOSE 8000
ENTRYPOINT ["java"]
CMD ["-jar", "DynamoDBLocal.jar", "-inMemory", "-disableTelemetry"]
