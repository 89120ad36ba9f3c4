/**
 * The store on Redis ({@link dev.sessionkit.redis.RedisSessionStore}) through Lettuce, shared by every
 * node, and {@link dev.sessionkit.redis.RedisInvalidationSource}, the change log's feed for
 * near-caches. Every write that must be atomic is one Lua script. The public types are
 * {@code @NullMarked} (JSpecify).
 */
@NullMarked
package dev.sessionkit.redis;

import org.jspecify.annotations.NullMarked;
