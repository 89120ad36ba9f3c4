package dev.sessionkit.testkit;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Every string and byte array an in-memory object holds, found by walking its fields: a dump of an
 * in-memory store's state, for tests that look for what must not be kept (a raw token secret). The
 * walk follows the store's own classes, Caffeine's and the JDK's collections and values, and stops at
 * what is not state (threads, class loaders, executors, loggers), so it never wanders into the test.
 * Needs {@code --add-opens} for the JDK packages it enters (the parent POM's surefire settings).
 */
public final class HeldValues {
  private static final List<String> ENTERED = List.of(
      "dev.sessionkit.", "com.github.benmanes.caffeine.", "java.util.", "java.time.", "java.lang.String");
  private static final List<String> NOT_STATE = List.of(
      "java.util.concurrent.ForkJoinPool", "java.util.concurrent.ThreadPoolExecutor",
      "java.util.concurrent.ScheduledThreadPoolExecutor", "java.util.logging.", "java.util.ResourceBundle");

  private HeldValues() {}

  /**
   * @param root the object to dump
   * @return every {@link String} and {@code byte[]} reachable from it through followed fields
   */
  public static List<Object> of(Object root) {
    List<Object> found = new ArrayList<>();
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      Object o = pending.pop();
      if (!seen.add(o)) {
        continue;
      }
      Class<?> type = o.getClass();
      if (o instanceof String || o instanceof byte[]) {
        found.add(o);
      } else if (type.isArray()) {
        if (!type.getComponentType().isPrimitive()) {
          for (int i = 0; i < Array.getLength(o); i++) {
            push(pending, Array.get(o, i));
          }
        }
      } else if (o == root || followed(type)) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
          for (Field f : c.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
              f.setAccessible(true);
              try {
                push(pending, f.get(o));
              } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + f, e);
              }
            }
          }
        }
      }
    }
    return found;
  }

  private static void push(Deque<Object> pending, Object value) {
    if (value != null) {
      pending.push(value);
    }
  }

  private static boolean followed(Class<?> type) {
    String name = type.getName();
    if (Thread.class.isAssignableFrom(type) || ClassLoader.class.isAssignableFrom(type)
        || Class.class == type || NOT_STATE.stream().anyMatch(name::startsWith)) {
      return false;
    }
    return ENTERED.stream().anyMatch(name::startsWith);
  }
}
