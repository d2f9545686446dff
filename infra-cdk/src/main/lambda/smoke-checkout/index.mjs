// Lifecycle hook of frontend's blue/green deployment (stage POST_TEST_TRAFFIC_SHIFT): one real
// checkout through the test listener, which reaches only the new (green) frontend tasks; they
// call orders and payments as production does. ECS shifts production traffic only if this
// returns SUCCEEDED, which it does only for a 201: a 202 (payment not confirmed), any error
// status, a refused connection or no answer within the timeout fail the deployment, and ECS
// rolls it back (hookStatus values: Amazon ECS Developer Guide, "Lambda hooks for Amazon ECS
// service deployments").
import { randomUUID } from 'node:crypto';

/** Longer than frontend's own 6 s budget towards orders, so a slow but correct answer passes. */
const DEFAULT_TIMEOUT_MS = 10000;

/**
 * @param {object} event the ECS lifecycle hook payload (executionId, lifecycleStage, executionDetails)
 * @returns {Promise<{hookStatus: 'SUCCEEDED' | 'FAILED', hookDetails: object}>}
 * Environment: TEST_LISTENER_URL (e.g. http://alb:8080), SMOKE_SKU (default SKU-1),
 * SMOKE_TIMEOUT_MS (default 10000).
 */
export async function handler(event) {
  const timeoutMs = Number(process.env.SMOKE_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS);
  const url = new URL('/api/checkout', process.env.TEST_LISTENER_URL).toString();
  const started = Date.now();
  let status = 0;
  let detail;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        // A fresh key per attempt: a replayed key answers 200, which is not a new checkout.
        'Idempotency-Key': randomUUID(),
      },
      body: JSON.stringify({
        customerEmail: 'smoke-test@example.com',
        items: [{ sku: process.env.SMOKE_SKU ?? 'SKU-1', quantity: 1 }],
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    detail = (await response.text()).slice(0, 500);
  } catch (error) {
    detail = error?.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : String(error?.cause ?? error);
  }
  const hookStatus = status === 201 ? 'SUCCEEDED' : 'FAILED';
  const outcome = {
    hookStatus,
    hookDetails: { url, status, elapsedMs: Date.now() - started, detail },
  };
  console.log(JSON.stringify({ executionId: event?.executionId, lifecycleStage: event?.lifecycleStage, ...outcome }));
  return outcome;
}
