-- KEYS: session. ARGV[3..]: now, idle deadline, retention, expected hash, new hash. Compare-and-set
-- of the secret hash on a live session; records the access, bumps the version. Returns the hash or {}.
local now, idle, retention = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local key = KEYS[1]
local state = redis.call('HMGET', key, 'u', 'i', 'h')
if not state[1] or tonumber(state[2]) <= now or state[3] ~= ARGV[6] then return {} end
local deadline = touchFields(key, now, idle)
redis.call('HSET', key, 'h', ARGV[7])
redis.call('HINCRBY', key, 'v', 1)
expireAt(key, deadline, now, retention)
local id = string.sub(key, #P + 3)
local index = ukey(state[1])
redis.call('ZADD', index, deadline, id)
trim(index, now)
refreshDue(index, state[1])
logChange(id)
signal()
return redis.call('HGETALL', key)
