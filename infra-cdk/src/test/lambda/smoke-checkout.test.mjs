// The blue/green smoke-checkout hook against a stand-in frontend on 127.0.0.1 that answers 201,
// 202, 503 or never: the hook succeeds for 201 only. Run by SmokeCheckoutHookTest (./mvnw verify).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { handler } from '../../main/lambda/smoke-checkout/index.mjs';

const requests = [];
let answer = 201;
const hanging = new Set();
const server = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => {
    requests.push({ method: request.method, url: request.url, headers: request.headers, body });
    if (answer === 'never') {
      hanging.add(response);
      return;
    }
    response.writeHead(answer, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ orderId: 'c0ffee00-0000-4000-8000-000000000000', status: answer === 201 ? 'PAID' : 'PENDING' }));
  });
});

before(async () => {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.TEST_LISTENER_URL = `http://127.0.0.1:${server.address().port}`;
  process.env.SMOKE_TIMEOUT_MS = '1000';
});

after(async () => {
  hanging.forEach((response) => response.destroy());
  await new Promise((resolve) => server.close(resolve));
});

const event = { executionId: 'exec-1', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT' };

test('a 201 checkout lets the deployment continue', async () => {
  answer = 201;
  requests.length = 0;
  const result = await handler(event);
  assert.equal(result.hookStatus, 'SUCCEEDED');
  assert.equal(result.hookDetails.status, 201);
  assert.equal(requests.length, 1);
  const [sent] = requests;
  assert.equal(sent.method, 'POST');
  assert.equal(sent.url, '/api/checkout');
  assert.equal(sent.headers['content-type'], 'application/json');
  assert.match(sent.headers['idempotency-key'], /^[0-9a-f-]{36}$/);
  assert.deepEqual(JSON.parse(sent.body), { customerEmail: 'smoke-test@example.com', items: [{ sku: 'SKU-1', quantity: 1 }] });
});

test('every attempt carries its own idempotency key', async () => {
  answer = 201;
  requests.length = 0;
  await handler(event);
  await handler(event);
  assert.equal(requests.length, 2);
  assert.notEqual(requests[0].headers['idempotency-key'], requests[1].headers['idempotency-key']);
});

test('a 202 (payment not confirmed) fails the deployment', async () => {
  answer = 202;
  const result = await handler(event);
  assert.equal(result.hookStatus, 'FAILED');
  assert.equal(result.hookDetails.status, 202);
});

test('a 503 fails the deployment', async () => {
  answer = 503;
  const result = await handler(event);
  assert.equal(result.hookStatus, 'FAILED');
  assert.equal(result.hookDetails.status, 503);
});

test('no answer within the timeout fails the deployment, in bounded time', async () => {
  answer = 'never';
  const started = Date.now();
  const result = await handler(event);
  assert.equal(result.hookStatus, 'FAILED');
  assert.equal(result.hookDetails.status, 0);
  assert.match(result.hookDetails.detail, /no answer within 1000 ms/);
  assert.ok(Date.now() - started < 5000, 'the hook must give up at its timeout');
});

test('a refused connection fails the deployment', async () => {
  const closed = http.createServer();
  await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = closed.address().port;
  await new Promise((resolve) => closed.close(resolve));
  const url = process.env.TEST_LISTENER_URL;
  process.env.TEST_LISTENER_URL = `http://127.0.0.1:${port}`;
  try {
    const result = await handler(event);
    assert.equal(result.hookStatus, 'FAILED');
    assert.equal(result.hookDetails.status, 0);
  } finally {
    process.env.TEST_LISTENER_URL = url;
  }
});
