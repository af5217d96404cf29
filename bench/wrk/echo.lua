-- POST /echo with a 1 MiB body (override the size in bytes: ... -s echo.lua URL -- 1048576).
-- The server streams the body back, so each request moves 1 MiB each way.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/octet-stream"
wrk.body = string.rep("x", 1048576)

-- No request() function: wrk formats the request once after init and reuses it.
init = function(args)
  local size = tonumber(args[1])
  if size then
    wrk.body = string.rep("x", size)
  end
end

-- Same summary line as report.lua (wrk takes a single script).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d p50_us=%d p99_us=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.timeout, e.status))
end
