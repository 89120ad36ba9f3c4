-- KEYS: index. ARGV[3..]: subject, ids. Removes those of the ids that are the subject's; returns
-- the last state of each one removed. The trim's horizon is the server's clock (the SPI gives no
-- now here): it only bounds which members are checked, the check itself is whether the key exists.
local subject = ARGV[3]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local index = KEYS[1]
local removed = {}
for n = 4, #ARGV do
  local id = ARGV[n]
  local key = skey(id)
  if redis.call('HGET', key, 'u') == subject then
    removed[#removed + 1] = snapshot(id)
    redis.call('DEL', key)
    redis.call('ZREM', index, id)
    logChange(id)
  end
end
trim(index, now)
refreshDue(index, subject)
signal()
return removed
