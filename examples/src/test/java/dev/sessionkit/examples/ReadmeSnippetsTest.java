package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Code in a README must compile as pasted: every {@code ```java} block of each README is a whole
 * compilation unit, compiled together with the others of its README (lint on, warnings are errors)
 * against this module's test class path; programs with a {@code main} run, and contract leaves run
 * through the JUnit launcher and must pass.
 */
class ReadmeSnippetsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern TYPE_NAME =
      Pattern.compile("^(?:public |final |abstract )*(?:class|interface|record|enum) (\\w+)", Pattern.MULTILINE);

  @ParameterizedTest
  @ValueSource(strings = {
      "README.md", "session-jdbc/README.md", "session-testkit/README.md", "session-micrometer/README.md",
      "session-redis/README.md"})
  void everyJavaBlockCompilesAndRuns(String readme, @TempDir Path work) throws Exception {
    String text = Files.readString(Path.of("..").resolve(readme));
    List<Path> sources = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(text);
    while (block.find()) {
      String code = block.group(1);
      Matcher type = TYPE_NAME.matcher(code);
      assertThat(type.find()).as("a java block of %s is not a whole compilation unit:%n%s", readme, code).isTrue();
      Path source = work.resolve("src").resolve(type.group(1) + ".java");
      Files.createDirectories(source.getParent());
      Files.writeString(source, code);
      sources.add(source);
    }
    assertThat(sources).as("java blocks in %s", readme).isNotEmpty();

    Path classes = Files.createDirectories(work.resolve("classes"));
    compile(sources, classes, readme);

    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      for (Path source : sources) {
        String name = source.getFileName().toString().replace(".java", "");
        Class<?> type = loader.loadClass(name);
        Method main = mainOf(type);
        if (main != null) {
          runQuietly(main);
        } else if (name.endsWith("ContractTest")) {
          runContract(type);
        }
      }
    }
  }

  private static void compile(List<Path> sources, Path classes, String readme) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options = List.of("-Xlint:all", "-Werror", "-proc:none", "--release", "17",
          "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
      boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
      assertThat(ok).as("the java blocks of %s compile: %s", readme, diagnostics.getDiagnostics()).isTrue();
    }
  }

  private static Method mainOf(Class<?> type) {
    try {
      Method main = type.getMethod("main", String[].class);
      return Modifier.isStatic(main.getModifiers()) ? main : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** Runs a README program, its console output kept out of the build's. */
  private static void runQuietly(Method main) throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(out);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).as("what %s printed", main.getDeclaringClass()).isNotBlank();
  }

  private static void runContract(Class<?> leaf) {
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(leaf)).build(), listener);
    TestExecutionSummary summary = listener.getSummary();
    assertThat(summary.getTestsFailedCount()).as("failures of %s: %s", leaf.getName(), summary.getFailures()).isZero();
    assertThat(summary.getTestsSucceededCount()).as("tests of %s", leaf.getName()).isGreaterThan(100);
  }
}
