-- Every request on a new connection: "Connection: close" makes the server close after its
-- response and wrk reconnect, so over https each request pays a full TLS handshake (wrk keeps no
-- session to resume). Prints the same machine-readable line as report.lua.
wrk.headers["Connection"] = "close"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d p50_us=%d p99_us=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.timeout, e.status))
end
