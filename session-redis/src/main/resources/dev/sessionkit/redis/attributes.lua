-- KEYS: session. ARGV[3..]: subject, now, expected version, encoded attributes. Returns {0} when the
-- subject has no such live session, {1, version} on a conflict, {2, hash} when updated.
local subject, now, expected = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local key = KEYS[1]
local state = redis.call('HMGET', key, 'u', 'i', 'v')
if state[1] ~= subject or tonumber(state[2]) <= now then return {0} end
if tonumber(state[3]) ~= expected then return {1, tonumber(state[3])} end
redis.call('HSET', key, 'a', ARGV[6])
redis.call('HINCRBY', key, 'v', 1)
local index = ukey(subject)
trim(index, now)
refreshDue(index, subject)
logChange(string.sub(key, #P + 3))
signal()
return {2, redis.call('HGETALL', key)}
