-- wrk script: every request asks for a different page (offset 0..9999 in steps, limit 10), so the
-- stub's answer cache (4096 answers) misses nearly always and each answer is generated afresh.
local counter = 0
request = function()
  counter = counter + 1
  local path = wrk.path .. "?limit=10&offset=" .. (counter % 10000)
  return wrk.format("GET", path)
end
