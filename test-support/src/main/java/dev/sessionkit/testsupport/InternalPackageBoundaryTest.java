package dev.sessionkit.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package boundary: nothing outside session-core uses {@code dev.sessionkit.internal}, not the
 * stores, not the test kit, not the benchmarks, not the tests. Every module runs this test on its own
 * compiled classes (surefire's {@code dependenciesToScan} picks it up from this jar), so a new module
 * is covered by adding this jar as a test dependency.
 *
 * <p>An architecture test rather than a JPMS {@code module-info}: session-core's optional ua-parser
 * dependency has no module name, the test tools (Jazzer's agent, Lincheck, JaCoCo) run on the class
 * path, and sessionkit's users mostly do too, where a module descriptor enforces nothing. A class
 * file names every class it uses in its constant pool, so a byte search of the compiled classes
 * finds every use, from code and signatures alike.
 */
class InternalPackageBoundaryTest {
  private static final byte[] INTERNAL = "dev/sessionkit/internal/".getBytes(StandardCharsets.US_ASCII);

  @Test
  void nothingOutsideSessionCoreUsesItsInternalPackage() {
    String basedir = System.getProperty("basedir");
    assertNotNull(basedir, "surefire sets basedir to the module under test");
    Path module = Path.of(basedir);
    List<Path> classDirs = Stream.of("target/classes", "target/test-classes")
        .map(module::resolve).filter(Files::isDirectory).toList();
    assertFalse(classDirs.isEmpty(), "no compiled classes under " + module);

    List<String> users = classDirs.stream().flatMap(InternalPackageBoundaryTest::classFiles)
        .filter(InternalPackageBoundaryTest::namesTheInternalPackage)
        .map(p -> module.relativize(p).toString()).sorted().toList();

    if (module.getFileName().toString().equals("session-core")) {
      // The scanner must see what it looks for: core's own classes use their internal package.
      assertFalse(users.isEmpty(), "the scan found no use of the internal package even in session-core");
    } else {
      assertEquals(List.of(), users, "classes outside session-core that use dev.sessionkit.internal");
    }
  }

  private static Stream<Path> classFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".class")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean namesTheInternalPackage(Path classFile) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(classFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    outer:
    for (int i = 0; i <= bytes.length - INTERNAL.length; i++) {
      for (int j = 0; j < INTERNAL.length; j++) {
        if (bytes[i + j] != INTERNAL[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
