package dev.sessionkit.benchmarks;

/** Which page of a long list (public: JMH's generated code sets it as a parameter). */
public enum PageKind {
  FIRST,
  DEEP_OFFSET,
  DEEP_KEYSET
}
