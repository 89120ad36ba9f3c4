package dev.sessionkit.internal;

import dev.sessionkit.ErrorCode;
import dev.sessionkit.SessionException;
import java.util.Map;

/** Checks of caller input that the API shares; every failure is {@link ErrorCode#INVALID_ARGUMENT}. */
public final class Arguments {
  public static final int MAX_SUBJECT_LENGTH = 255;
  public static final int MAX_ATTRIBUTES = 64;
  public static final int MAX_ATTRIBUTE_KEY_LENGTH = 128;
  public static final int MAX_ATTRIBUTE_VALUE_LENGTH = 4096;

  private Arguments() {}

  /**
   * A subject is kept and compared exactly as given, in every store: case, accents and inner spaces
   * all count ("X" is not "x"). So that no store can see two subjects as one, a subject must be 1 to
   * {@value #MAX_SUBJECT_LENGTH} chars of well-formed UTF-16 with no control characters and no
   * whitespace or space separators (U+00A0 included) at either end.
   *
   * @param subject caller input
   * @return the subject unchanged
   */
  public static String subject(String subject) {
    if (subject == null || subject.isEmpty()) {
      throw invalid("subject must not be empty");
    }
    if (subject.length() > MAX_SUBJECT_LENGTH) {
      throw invalid("subject must be at most " + MAX_SUBJECT_LENGTH + " characters");
    }
    if (Text.hasControlCharacter(subject)) {
      throw invalid("subject must not contain control characters");
    }
    if (!Text.isWellFormedUtf16(subject)) {
      throw invalid("subject must be well-formed UTF-16 (no unpaired surrogates)");
    }
    if (Text.hasSpaceAtEitherEnd(subject)) {
      throw invalid("subject must not start or end with whitespace");
    }
    return subject;
  }

  /**
   * A subject to look up or revoke: as {@link #subject}, except that whitespace at either end is
   * allowed (not a blank subject). New sessions never get such a subject, but rows written before
   * subjects were checked (or by other software) may have one, and an administrator must be able to
   * list and revoke them. Every store compares subjects exactly, so {@code "alice "} reaches only
   * {@code "alice "}'s sessions, never alice's.
   *
   * @param subject caller input
   * @return the subject unchanged
   */
  public static String storedSubject(String subject) {
    if (subject == null || subject.isEmpty() || Text.isBlank(subject)) {
      throw invalid("subject must not be empty or blank");
    }
    if (subject.length() > MAX_SUBJECT_LENGTH) {
      throw invalid("subject must be at most " + MAX_SUBJECT_LENGTH + " characters");
    }
    if (Text.hasControlCharacter(subject)) {
      throw invalid("subject must not contain control characters");
    }
    if (!Text.isWellFormedUtf16(subject)) {
      throw invalid("subject must be well-formed UTF-16 (no unpaired surrogates)");
    }
    return subject;
  }

  /**
   * @param attributes caller input
   * @return an immutable copy
   */
  public static Map<String, String> attributes(Map<String, String> attributes) {
    if (attributes == null) {
      throw invalid("attributes must not be null (pass an empty map)");
    }
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw invalid("at most " + MAX_ATTRIBUTES + " attributes are allowed");
    }
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      String key = e.getKey();
      if (key == null
          || key.isBlank()
          || key.length() > MAX_ATTRIBUTE_KEY_LENGTH
          || Text.hasControlCharacter(key)
          || !Text.isWellFormedUtf16(key)) {
        throw invalid("attribute names must be 1 to " + MAX_ATTRIBUTE_KEY_LENGTH
            + " characters of well-formed UTF-16 without control characters");
      }
      String value = e.getValue();
      if (value == null) {
        throw invalid("attribute " + key + " has no value");
      }
      if (value.length() > MAX_ATTRIBUTE_VALUE_LENGTH) {
        throw invalid("attribute " + key + " is longer than " + MAX_ATTRIBUTE_VALUE_LENGTH + " characters");
      }
      if (!Text.isWellFormedUtf16(value)) {
        throw invalid("attribute " + key + " is not well-formed UTF-16 (an unpaired surrogate)");
      }
    }
    return Map.copyOf(attributes);
  }

  /**
   * @param value caller input that must be present
   * @param name what it is, for the message
   * @param <T> its type
   * @return the value
   */
  public static <T> T present(T value, String name) {
    if (value == null) {
      throw invalid(name + " must not be null");
    }
    return value;
  }

  private static SessionException invalid(String message) {
    return new SessionException(ErrorCode.INVALID_ARGUMENT, message);
  }
}
