-- HTTP/1.1 pipelining (RFC 9112 §9.3.2): each connection writes DEPTH requests back to back and
-- then reads DEPTH responses. Usage: wrk ... -s pipeline.lua http://127.0.0.1:PORT/plaintext -- 16
-- wrk counts every response as a request; the latency it records is per batch of DEPTH.
init = function(args)
  local depth = tonumber(args[1]) or 16
  local batch = {}
  for i = 1, depth do
    batch[i] = wrk.format(nil, nil)
  end
  pipelined = table.concat(batch)
end

request = function()
  return pipelined
end

-- Same summary line as report.lua (wrk takes a single script).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d p50_us=%d p99_us=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.timeout, e.status))
end
