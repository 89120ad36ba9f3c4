-- KEYS: session. ARGV[3..]: now, idle deadline, retention. Returns the hash, or {} when the session
-- is gone or expired at now (never recreates it, never moves it backwards).
local now, idle, retention = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local key = KEYS[1]
local state = redis.call('HMGET', key, 'u', 'i')
if not state[1] or tonumber(state[2]) <= now then return {} end
local deadline = touchFields(key, now, idle)
expireAt(key, deadline, now, retention)
local index = ukey(state[1])
redis.call('ZADD', index, deadline, string.sub(key, #P + 3))
trim(index, now)
refreshDue(index, state[1])
return redis.call('HGETALL', key)
