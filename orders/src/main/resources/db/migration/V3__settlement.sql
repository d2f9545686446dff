-- Settlement: every PENDING order is settled later by the reconciler (or by a replay of its
-- Idempotency-Key). in_flight_until, from V1, is now the claim of whoever is driving the payment:
-- the creating request, a replay, or one reconciler instance.
ALTER TABLE orders
    -- PUT /payments/{orderId} calls made for this order, the first one by the creating request.
    ADD COLUMN payment_attempts INTEGER     NOT NULL DEFAULT 1,
    -- Backoff: the reconciler leaves the order alone until then; NULL once the order is settled or
    -- before its first failed re-drive.
    ADD COLUMN next_attempt_at  TIMESTAMPTZ,
    -- Set when payments refused the payment (409: it holds another amount for this order). The order
    -- stays PENDING for a person to look at; the reconciler never retries it.
    ADD COLUMN review_reason    VARCHAR(500);

-- What the reconciler scans every few seconds: PENDING orders not flagged for review, oldest first.
CREATE INDEX orders_settlement ON orders (created_at) WHERE status = 'PENDING' AND review_reason IS NULL;
