#!/bin/sh
# One-shot: creates the payments table (docs/data.md, "DynamoDB (payments)": key orderId, string;
# on demand) in DynamoDB Local, as the CDK stack does in AWS, so the payments service never creates
# its own table.
# Used by docker-compose.yml's dynamodb-init and by the e2e tests; runs in any image with curl.
# curl signs the request itself (--aws-sigv4); DynamoDB Local takes any credentials.
# An existing table is fine (ResourceInUseException): the script can run again.
#
# Environment: DYNAMODB_ENDPOINT (http://dynamodb-local:8000), PAYMENTS_TABLE (payments),
# AWS_REGION (us-east-1), INIT_TIMEOUT_SECONDS (60).
set -eu

endpoint="${DYNAMODB_ENDPOINT:-http://dynamodb-local:8000}"
table="${PAYMENTS_TABLE:-payments}"
region="${AWS_REGION:-us-east-1}"
timeout="${INIT_TIMEOUT_SECONDS:-60}"

body=$(printf '{"TableName":"%s","AttributeDefinitions":[{"AttributeName":"orderId","AttributeType":"S"}],"KeySchema":[{"AttributeName":"orderId","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}' "$table")

attempt=0
while :; do
  attempt=$((attempt + 1))
  answer=$(curl -sS --max-time 5 -w '\n%{http_code}' \
      --aws-sigv4 "aws:amz:$region:dynamodb" --user "${AWS_ACCESS_KEY_ID:-local}:${AWS_SECRET_ACCESS_KEY:-local}" \
      -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Target: DynamoDB_20120810.CreateTable' \
      -d "$body" "$endpoint/" 2>&1) || answer="$answer
000"
  status=$(printf '%s\n' "$answer" | tail -n 1)
  case "$status" in
    200) echo "created table $table at $endpoint"; exit 0 ;;
    400) if printf '%s' "$answer" | grep -q ResourceInUseException; then
           echo "table $table exists at $endpoint"; exit 0
         fi ;;
  esac
  # DynamoDB Local may still be starting: connection refused (000) until it listens.
  if [ "$attempt" -ge "$timeout" ]; then
    echo "could not create table $table at $endpoint after $attempt attempts; last answer:" >&2
    printf '%s\n' "$answer" >&2
    exit 1
  fi
  sleep 1
done
