-- Shared by every write script. ARGV[1] is the key prefix of one slot tag, '<prefix>{<tag>}': every
-- key a script touches carries that tag, so in a Redis Cluster all of them are in the slot of KEYS[1].
-- ARGV[2] is the stream's MAXLEN. Session hashes are P..'s:'..id, a subject's index P..'u:'..subject
-- (a sorted set of ids scored by each session's effective deadline, epoch ms), the tag's due set
-- P..'due' (subjects scored by their index's lowest deadline), the tag's change stream P..'changes'.
-- The pub/sub channel is one for all tags, '<prefix>changes': PUBLISH is not bound to a slot.
local P = ARGV[1]
local MAXLEN = ARGV[2]
local DUE = P .. 'due'
local CHANGES = P .. 'changes'
local CHANNEL = string.match(P, '^(.*){[^{}]*}$') .. 'changes'
local function skey(id) return P .. 's:' .. id end
local function ukey(subject) return P .. 'u:' .. subject end
-- A session's last state for the caller: {id, field, value, ...}.
local function snapshot(id)
  local out = redis.call('HGETALL', skey(id))
  table.insert(out, 1, id)
  return out
end

-- Drops index members that are past their deadline and whose session is gone (expired by its TTL or
-- removed elsewhere): the index never keeps a dead id past a write to its subject.
local function trim(index, now)
  local old = redis.call('ZRANGEBYSCORE', index, '-inf', now)
  for _, id in ipairs(old) do
    if redis.call('EXISTS', skey(id)) == 0 then redis.call('ZREM', index, id) end
  end
end

-- Keeps the subject's due score at its index's lowest deadline; forgets a subject with no sessions.
local function refreshDue(index, subject)
  local first = redis.call('ZRANGE', index, 0, 0, 'WITHSCORES')
  if #first == 0 then redis.call('ZREM', DUE, subject) else redis.call('ZADD', DUE, first[2], subject) end
end

-- Live ids of a subject (deadline after now), dropping any whose session is gone.
local function liveIds(index, now)
  local ids = redis.call('ZRANGEBYSCORE', index, '(' .. now, '+inf')
  local live = {}
  for _, id in ipairs(ids) do
    if redis.call('EXISTS', skey(id)) == 1 then live[#live + 1] = id else redis.call('ZREM', index, id) end
  end
  return live
end

-- The change log: one entry per changed id. Entry ids are '<epoch>-<n>': the epoch is the server's
-- time in ms when the stream began, n counts up by one. A reader sees a gap when the log was trimmed
-- past its position, and another epoch when the stream was lost (a restart without persistence).
local epoch, nextSeq = nil, nil
local function logChange(id)
  if nextSeq == nil then
    local last = redis.call('XREVRANGE', CHANGES, '+', '-', 'COUNT', 1)
    if #last > 0 then
      local major, minor = string.match(last[1][1], '^(%d+)-(%d+)$')
      epoch, nextSeq = major, tonumber(minor) + 1
    else
      local time = redis.call('TIME')
      epoch, nextSeq = tostring(tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)), 1
    end
  end
  redis.call('XADD', CHANGES, 'MAXLEN', '~', MAXLEN, epoch .. '-' .. string.format('%d', nextSeq), 'i', id)
  nextSeq = nextSeq + 1
end
local function signal()
  if nextSeq ~= nil then redis.call('PUBLISH', CHANNEL, '') end
end

-- Touch fields, never backwards: returns the new deadline.
local function touchFields(key, now, idle)
  local fields = redis.call('HMGET', key, 'l', 'i')
  if tonumber(fields[1]) < now then redis.call('HSET', key, 'l', now) end
  local deadline = tonumber(fields[2])
  if deadline < idle then deadline = idle; redis.call('HSET', key, 'i', idle) end
  return deadline
end

-- The key lives until its deadline plus the retention, counted from the caller's clock.
local function expireAt(key, deadline, now, retention)
  local ttl = deadline - now + retention
  if ttl < 1 then ttl = 1 end
  redis.call('PEXPIRE', key, ttl)
end
