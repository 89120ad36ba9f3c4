/**
 * An optional {@link dev.sessionkit.UserAgentParser} on ua-parser (add {@code
 * com.github.ua-parser:uap-java} to use it): fills browser, operating system and device type from
 * the User-Agent header at login.
 */
@NullMarked
package dev.sessionkit.useragent;

import org.jspecify.annotations.NullMarked;
