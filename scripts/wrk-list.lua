-- wrk script of scripts/bench.sh (step `list`): the case list with every
-- request a different combination of status, case type, judge and page, as
-- a court's users filter and page. No two requests are alike, so no answer
-- can come from the instance's page cache (app/web/pagecache.go): every one
-- reads the database. The requests are deterministic: a run asks the same
-- questions in the same order.
--
-- Each wrk thread numbers its requests n = 0, 1, 2, …; k = n * THREADS +
-- the thread's number is unique over the run (THREADS: wrk's -t, default 2).
-- The filters are k mod 90: 6 statuses (none, the four, "open") × 5 case
-- types (none and the four) × 3 judges (none and JUDGES, default "3,4": the
-- judges of `fuyuan gen`'s register). The round r = k div 90 picks the page:
--   r even: one of the first ten pages, at page_size 10, 11, …, 19, 21, …, 100 (a
--           round of ten pages for each size; never 20): the pages users open;
--   r odd:  a deep page at page_size 20, 11 to PAGES (default 2000, an
--           offset of up to 40,000), rotated per combination so that the
--           pages asked at one time differ.
-- (filters, page, page_size) repeats only after 90 × 2 × min(900, PAGES-10)
-- requests (about 160,000).
local statuses = {"", "filed", "mediating", "suspended", "closed", "open"}
local types = {"", "行初", "行审", "行诉前调", "行赔初"}
local judges = {""}
for j in string.gmatch(os.getenv("JUDGES") or "3,4", "[^,]+") do judges[#judges + 1] = j end
local pages = tonumber(os.getenv("PAGES") or "2000")
local nthreads = tonumber(os.getenv("THREADS") or "2")
local combos = #statuses * #types * #judges

local counter = 0
setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local n = 0
request = function()
  local k = n * nthreads + id
  n = n + 1
  local c = k % combos
  local r = math.floor(k / combos)
  local s = statuses[c % #statuses + 1]
  local t = types[math.floor(c / #statuses) % #types + 1]
  local j = judges[math.floor(c / (#statuses * #types)) % #judges + 1]
  local page, size
  if r % 2 == 0 then
    local h = r / 2
    page = h % 10 + 1
    size = 10 + math.floor(h / 10) % 90
    if size >= 20 then size = size + 1 end
  else
    local h = (r - 1) / 2
    page = 11 + (h * 7919 + c * 37) % (pages - 10)
    size = 20
  end
  local q = "/api/v1/cases?page=" .. page .. "&page_size=" .. size
  if s ~= "" then q = q .. "&status=" .. s end
  if t ~= "" then q = q .. "&case_type=" .. t end
  if j ~= "" then q = q .. "&judge_id=" .. j end
  return wrk.format("GET", q)
end
