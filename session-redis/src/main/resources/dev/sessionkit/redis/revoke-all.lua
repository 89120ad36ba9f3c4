-- KEYS: index. ARGV[3..]: subject, the id to keep or ''. Removes every session in the subject's
-- index but that one, expired ones included; returns the last state of each one removed.
local subject, keep = ARGV[3], ARGV[4]
local index = KEYS[1]
local removed = {}
for _, id in ipairs(redis.call('ZRANGE', index, 0, -1)) do
  if id ~= keep then
    local key = skey(id)
    if redis.call('HGET', key, 'u') == subject then
      removed[#removed + 1] = snapshot(id)
      redis.call('DEL', key)
      logChange(id)
    end
    redis.call('ZREM', index, id)
  end
end
refreshDue(index, subject)
signal()
return removed
