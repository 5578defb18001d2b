-- wrk script of scripts/bench.sh: page 3 of the case list with a status
-- filter, as in the plain run, but every request with a query of its own
-- (a running number n), so that no answer comes from the instance's page
-- cache (app/web/pagecache.go): each one reads the database.
local statuses = {"filed", "mediating", "closed"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/v1/cases?status=" .. statuses[n % 3 + 1] .. "&page=3&page_size=20&n=" .. n)
end
