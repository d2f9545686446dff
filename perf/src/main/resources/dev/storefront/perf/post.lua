-- wrk script: POST one order body with a unique Idempotency-Key per request, count the answers by
-- status, and print one JSON line (prefixed WRK_JSON) for the benchmark to read.
--   wrk -t1 -c16 -d20s --latency -s post.lua URL -- KEY_PREFIX
-- Latencies are in microseconds. wrk counts only statuses >= 400 as errors; non2xx here is every
-- answer outside 200..299.

local body = '{"customerEmail":"bench@example.com","items":[{"sku":"SKU-1","quantity":2},{"sku":"SKU-7","quantity":1}]}'
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  prefix = (args[1] or "wrk") .. "-" .. thread_id .. "-"
  sent = 0
  s200, s201, s202, non2xx = 0, 0, 0, 0
end

function request()
  sent = sent + 1
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = prefix .. sent,
  }, body)
end

function response(status, headers, body)
  if status == 201 then s201 = s201 + 1
  elseif status == 202 then s202 = s202 + 1
  elseif status == 200 then s200 = s200 + 1
  elseif status < 200 or status > 299 then non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local c = { s200 = 0, s201 = 0, s202 = 0, non2xx = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(c) do
      c[name] = c[name] + thread:get(name)
    end
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"durationUs":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"meanUs":%.1f,'
      .. '"s200":%d,"s201":%d,"s202":%d,"non2xx":%d,'
      .. '"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean,
    c.s200, c.s201, c.s202, c.non2xx,
    e.connect, e.read, e.write, e.timeout))
end
