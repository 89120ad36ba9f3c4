-- KEYS: session. ARGV[3..]: subject, now, expected version, then the encoded attributes' chunks
-- as field/value pairs (a1, a2, ...; none for no attributes). Returns {0} when the
-- subject has no such live session, {1, version} on a conflict, {2, hash} when updated.
local subject, now, expected = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local key = KEYS[1]
local state = redis.call('HMGET', key, 'u', 'i', 'v')
if state[1] ~= subject or tonumber(state[2]) <= now then return {0} end
if tonumber(state[3]) ~= expected then return {1, tonumber(state[3])} end
local n = 1
while redis.call('HDEL', key, 'a' .. n) == 1 do n = n + 1 end
if #ARGV >= 7 then redis.call('HSET', key, unpack(ARGV, 6)) end
redis.call('HINCRBY', key, 'v', 1)
local index = ukey(subject)
trim(index, now)
refreshDue(index, subject)
logChange(string.sub(key, #P + 3))
signal()
return {2, redis.call('HGETALL', key)}
