-- KEYS: index. ARGV[3..]: now, sort field ('l', 'c' or 'e'), descending (1/0), offset, limit, and
-- for a keyset page the previous item's sort value and id. Returns the page's hashes in order.
local now, field, desc = tonumber(ARGV[3]), ARGV[4], ARGV[5] == '1'
local offset, limit = tonumber(ARGV[6]), tonumber(ARGV[7])
local afterValue, afterId = tonumber(ARGV[8]), ARGV[9]
local rows = {}
for _, id in ipairs(liveIds(KEYS[1], now)) do
  local value = tonumber(redis.call('HGET', skey(id), field))
  local keep = true
  if afterValue then
    if desc then keep = value < afterValue or (value == afterValue and id < afterId)
    else keep = value > afterValue or (value == afterValue and id > afterId) end
  end
  if keep then rows[#rows + 1] = {value, id} end
end
table.sort(rows, function(a, b)
  if a[1] ~= b[1] then if desc then return a[1] > b[1] else return a[1] < b[1] end end
  if desc then return a[2] > b[2] else return a[2] < b[2] end
end)
local page = {}
for n = offset + 1, math.min(offset + limit, #rows) do
  page[#page + 1] = snapshot(rows[n][2])
end
return page
