-- wrk script of scripts/bench.sh filings: every request files a case (POST
-- /api/v1/cases) of the judge whose session cookie wrk sends, against the
-- organ ORGAN_ID, filed on FILED_ON, with a plaintiff of its own
-- ("bench-<instance>-<thread>-<n>", which the script counts afterwards).
local organ = os.getenv("ORGAN_ID")
local filed = os.getenv("FILED_ON")
local tag = os.getenv("BENCH_TAG") or "0"
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local headers = nil
local n = 0
request = function()
  if headers == nil then
    -- wrk.format's headers replace those of the command line (the cookie)
    headers = {["Content-Type"] = "application/json"}
    for k, v in pairs(wrk.headers) do headers[k] = v end
  end
  n = n + 1
  local body = '{"case_type":"行初","cause":"行政处罚","domain":"ecology","filed_on":"' .. filed ..
    '","organ_id":' .. organ .. ',"plaintiff":{"name":"bench-' .. tag .. '-' .. tostring(id) .. '-' .. n ..
    '","kind":"enterprise"}}'
  return wrk.format("POST", "/api/v1/cases", headers, body)
end
