package cockpit.dialogue.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  private static final SessionId ID = SessionId.tryFrom("s");

  @Test
  void constructor_copiesCollectionsAndSortsOptions() {
    Map<String, String> options = new HashMap<>(Map.of("b", "2", "a", "1"));
    List<Snapshot.Turn> turns = new ArrayList<>(List.of(new Snapshot.Turn("user", "hi", 2)));
    Snapshot s = new Snapshot(ID, "m", "", options, turns, 2, 0);
    options.put("c", "3");
    turns.clear();
    assertEquals(List.of("a", "b"), List.copyOf(s.options().keySet()));
    assertEquals(1, s.transcript().size());
    assertThrows(UnsupportedOperationException.class, () -> s.options().put("x", "y"));
  }

  @Test
  void constructor_rejectsInvalidFields() {
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("k", null);
    assertThrows(IllegalArgumentException.class, () -> new Snapshot(ID, " ", "", Map.of(), List.of(), 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Snapshot(ID, "m", "", nullValue, List.of(), 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Snapshot(ID, "m", "", Map.of(), List.of(), -1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Snapshot(ID, "m", "", Map.of(), List.of(), 0, -1));
    assertThrows(NullPointerException.class, () -> new Snapshot(null, "m", "", Map.of(), List.of(), 0, 0));
    assertThrows(NullPointerException.class, () -> new Snapshot(ID, "m", null, Map.of(), List.of(), 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Snapshot.Turn("", "x", 0));
    assertThrows(IllegalArgumentException.class, () -> new Snapshot.Turn("user", "x", -1));
    assertThrows(NullPointerException.class, () -> new Snapshot.Turn("user", null, 0));
  }
}
