package dev.sessionkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures go line by line to one file per class, under target/test-figures of the module. */
class TestFiguresTest {
  @Test
  void aClassRecordsIntoItsOwnFileUnderTargetTestFigures() {
    Path expected = Path.of(System.getProperty("basedir", "."), "target", "test-figures", "TestFiguresTest.txt");

    // Nothing recorded, so no file: CI prints every figures file, and this class has none to show.
    assertThat(TestFigures.of(TestFiguresTest.class).file()).isEqualTo(expected).doesNotExist();
  }

  @Test
  void theFirstLineReplacesAnEarlierRunsFileTheRestAreAppendedAndAHeaderComesOnce(@TempDir Path directory) throws Exception {
    TestFigures figures = TestFigures.in(directory, "Figures");
    Files.writeString(figures.file(), "left from an earlier run\n");

    figures.recordOnce("measured with a timeout of 1 s");
    figures.record("first figure: 12 ms");
    figures.recordOnce("measured with a timeout of 1 s");
    figures.record("second figure: 34 ms");

    assertThat(Files.readAllLines(figures.file()))
        .containsExactly("measured with a timeout of 1 s", "first figure: 12 ms", "second figure: 34 ms");
  }
}
