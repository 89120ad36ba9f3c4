-- KEYS: session, index. ARGV[3..]: now, cap, reject (1/0), retention, subject, id, deadline, then
-- the hash's field/value pairs. Returns {-1} on an id collision, {0} when refused, {1, evicted...}.
local now, cap, reject, retention = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5] == '1', tonumber(ARGV[6])
local subject, id, deadline = ARGV[7], ARGV[8], tonumber(ARGV[9])
local key, index = KEYS[1], KEYS[2]
if redis.call('EXISTS', key) == 1 then return {-1} end
trim(index, now)
local evicted = {}
if cap > 0 then
  local live = liveIds(index, now)
  local excess = #live - cap + 1
  if excess > 0 then
    if reject then return {0} end
    local rows = {}
    for _, other in ipairs(live) do
      rows[#rows + 1] = {tonumber(redis.call('HGET', skey(other), 'l')), other}
    end
    table.sort(rows, function(a, b) if a[1] ~= b[1] then return a[1] < b[1] end return a[2] < b[2] end)
    for n = 1, excess do
      local gone = rows[n][2]
      evicted[#evicted + 1] = snapshot(gone)
      redis.call('DEL', skey(gone))
      redis.call('ZREM', index, gone)
      logChange(gone)
    end
  end
end
local fields = {}
for n = 10, #ARGV do fields[#fields + 1] = ARGV[n] end
redis.call('HSET', key, unpack(fields))
expireAt(key, deadline, now, retention)
redis.call('ZADD', index, deadline, id)
refreshDue(index, subject)
signal()
return {1, evicted}
