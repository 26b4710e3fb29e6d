package cockpit.perception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §3: perception depends on lm and proto, never on dialogue. Checked three ways, so neither a
 * pom edit, a transitive dependency nor a stray import slips through: the pom names no dialogue
 * artifact, no dialogue class is on the test class path, and no compiled perception class refers to a
 * {@code cockpit/dialogue/} type.
 */
class PerceptionArchitectureTest {
  /** Surefire runs in the module directory. */
  private static final Path MODULE = Path.of("").toAbsolutePath();

  @Test
  void thePomHasNoDialogueDependency() throws IOException {
    String pom = Files.readString(MODULE.resolve("pom.xml"));
    assertTrue(pom.contains("<artifactId>cockpit-perception</artifactId>"), "not perception's pom: " + MODULE);
    assertFalse(pom.contains("<artifactId>cockpit-dialogue</artifactId>"), "perception/pom.xml depends on dialogue");
  }

  @Test
  void noDialogueClassIsOnTheClassPath() {
    for (String name : List.of("cockpit.dialogue.SessionManager", "cockpit.dialogue.DialogueVerticle")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name),
          name + " is reachable from perception (a transitive dependency on dialogue)");
    }
  }

  @Test
  void noCompiledPerceptionClassRefersToDialogue() throws IOException {
    // Joined at run time: a literal would put the needle into this class's own constant pool.
    byte[] needle = String.join("/", "cockpit", "dialogue", "").getBytes(StandardCharsets.UTF_8);
    int classes = 0;
    for (String dir : List.of("target/classes", "target/test-classes")) {
      try (Stream<Path> files = Files.walk(MODULE.resolve(dir))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
          classes++;
          assertEquals(-1, indexOf(Files.readAllBytes(f), needle), f + " refers to a cockpit.dialogue type");
        }
      }
    }
    assertTrue(classes > 20, "only " + classes + " compiled classes found under " + MODULE);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
