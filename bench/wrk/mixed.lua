-- A mix for the soak test: each connection cycles through GET /plaintext, GET /json and a 4 KiB
-- POST /echo, so every endpoint and both body directions stay exercised for the whole run.
local requests
local counter = 0

init = function(args)
  requests = {
    wrk.format("GET", "/plaintext"),
    wrk.format("GET", "/json"),
    wrk.format("POST", "/echo", {["Content-Type"] = "application/octet-stream"}, string.rep("x", 4096)),
  }
end

request = function()
  counter = counter + 1
  return requests[counter % #requests + 1]
end

-- Same summary line as report.lua (wrk takes a single script).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d p50_us=%d p99_us=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.timeout, e.status))
end
