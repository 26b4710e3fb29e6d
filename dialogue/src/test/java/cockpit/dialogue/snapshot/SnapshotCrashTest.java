package cockpit.dialogue.snapshot;

import static cockpit.dialogue.snapshot.TestSnapshots.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code kill -9} in the middle of a save, then a restart on the same directory. */
class SnapshotCrashTest {
  @TempDir
  Path dir;

  @Test
  void killDuringSave_restartResumesFromThePreviousSnapshot_andCleanupRemovesTheTemp() throws Exception {
    Process child = new ProcessBuilder(javaBinary(), "-cp", classPath(), SnapshotCrashChild.class.getName(),
        dir.toString(), "cabin-7").redirectErrorStream(true).start();
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> awaitMidWrite(child));
    } finally {
      child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks in the child
      child.waitFor();
    }

    List<String> left = names();
    assertEquals(2, left.size(), "the snapshot and the dead save's temp file: " + left);
    assertTrue(left.get(1).matches("cabin-7\\.snap\\.[0-9a-f]{16}\\.tmp"), left.toString());

    SnapshotStore restarted = new SnapshotStore(dir);
    SessionId id = SessionId.tryFrom("cabin-7");
    assertEquals(List.of(id), restarted.list());
    FakeState v1 = new FakeState(1, SnapshotCrashChild.V1_BYTES);
    FakeState.Reader reader = v1.reader();
    Snapshot s = restarted.load(id, MODEL, reader).orElseThrow().snapshot();
    assertEquals(TestSnapshots.of("cabin-7", v1), s);
    assertTrue(reader.sawWholePayload());

    assertEquals(1, restarted.cleanupTemp());
    assertEquals(List.of("cabin-7.snap"), names());
  }

  private static void awaitMidWrite(Process child) throws IOException {
    StringBuilder seen = new StringBuilder();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.equals("mid-write")) {
        return;
      }
      seen.append(line).append('\n');
    }
    fail("child ended before the mid-write point:\n" + seen);
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Just what the child needs: main and test classes, Jackson. */
  private static String classPath() throws Exception {
    StringBuilder cp = new StringBuilder();
    for (Class<?> c : List.of(SnapshotStore.class, SnapshotCrashChild.class, ObjectMapper.class, JsonFactory.class,
        JsonProperty.class)) {
      String entry = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
      if (cp.indexOf(entry) < 0) {
        cp.append(cp.isEmpty() ? "" : File.pathSeparator).append(entry);
      }
    }
    return cp.toString();
  }
}
