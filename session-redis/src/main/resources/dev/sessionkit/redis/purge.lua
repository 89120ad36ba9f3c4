-- KEYS: the tag's due set. ARGV[3..]: now, batch size. Deletes up to batch sessions of the tag past
-- their deadline, subject by subject in due order, and trims their indexes; returns how many it deleted.
local now, batch = tonumber(ARGV[3]), tonumber(ARGV[4])
local deleted = 0
while deleted < batch do
  local next = redis.call('ZRANGEBYSCORE', DUE, '-inf', now, 'LIMIT', 0, 1)
  if #next == 0 then break end
  local subject = next[1]
  local index = ukey(subject)
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', index, '-inf', now, 'LIMIT', 0, batch - deleted)) do
    deleted = deleted + redis.call('DEL', skey(id))
    redis.call('ZREM', index, id)
  end
  refreshDue(index, subject)
end
return deleted
