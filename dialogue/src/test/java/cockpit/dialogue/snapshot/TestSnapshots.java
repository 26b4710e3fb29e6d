package cockpit.dialogue.snapshot;

import java.util.List;
import java.util.Map;

/** Snapshots whose fields are tied to a {@link FakeState}, so a mixed-up load is detectable. */
final class TestSnapshots {
  static final String MODEL = "lfm2-350m|seed=7|cfg=9f2c|ctx=4096";

  private TestSnapshots() {}

  static Snapshot of(String id, FakeState state) {
    List<Snapshot.Turn> transcript = List.of(
        new Snapshot.Turn("user", "What is the tyre pressure? seed=" + state.seed, 9),
        new Snapshot.Turn("assistant", "Front 2.4 bar, rear 2.5 bar. «ok» \"quoted\"\n\t\0 \uD83D\uDE97", 17),
        new Snapshot.Turn("user", "and this?", 4, List.of(7, 3, 3, 8), List.of(new Snapshot.Image("camera cabin #"
            + state.seed, 2))));
    Map<String, String> options = Map.of("temperature", "0.3", "top_p", "0.9", "max_tokens", "256",
        "seed", Long.toString(state.seed));
    return new Snapshot(SessionId.tryFrom(id), MODEL, "You are the cockpit assistant.", options, transcript,
        26 + (int) state.seed, state.bytes);
  }

  /** The seed a loaded snapshot's fields were made from. */
  static long seedOf(Snapshot s) {
    return Long.parseLong(s.options().get("seed"));
  }
}
