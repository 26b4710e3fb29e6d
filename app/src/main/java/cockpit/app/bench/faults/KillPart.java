package cockpit.app.bench.faults;

import cockpit.dialogue.snapshot.LoadedSnapshot;
import cockpit.dialogue.snapshot.SessionId;
import cockpit.dialogue.snapshot.Snapshot;
import cockpit.dialogue.snapshot.SnapshotCorruptException;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.Backend;
import cockpit.lm.LanguageModel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Part 2: {@code kill -9} at a seeded random moment while {@value #TALKERS} sessions are mid-conversation,
 * {@code kills} times over one snapshot directory. After each kill, every snapshot must load (CRC,
 * header, payload) and every turn whose final Reply reached the suite — in any round so far — must be in
 * its session's transcript: a completed turn is one the component had snapshotted before it answered.
 */
final class KillPart {
  static final int TALKERS = 4;
  private static final Duration TURN = Duration.ofSeconds(30);

  private KillPart() {}

  static JsonObject run(Rig rig) throws Exception {
    FaultOptions o = rig.options;
    Path dir = rig.dir("kill-snapshots");
    SplittableRandom rnd = new SplittableRandom(o.seed() ^ 0x6b696c6cL);
    Map<String, List<String>> completed = new ConcurrentHashMap<>();
    JsonArray rounds = new JsonArray();
    int lost = 0;
    int corrupt = 0;
    int inFlight = 0;
    String fingerprint = null;
    for (int round = 1; round <= o.kills(); round++) {
      int port = Rig.freePort();
      ComponentProcess c = rig.launch("kill-" + round, List.of(), List.of("zenoh.listen=" + Rig.endpoint(port),
          "dialogue.snapshot-dir=" + dir));
      if (fingerprint == null) {
        fingerprint = fingerprint(o.modelDir());
      }
      long delayMs = 200 + rnd.nextLong(2_300);
      int busy;
      try (BusDriver bus = new BusDriver(BusDriver.config(Rig.endpoint(port), false), Rig.VIN)) {
        if (Probes.utterance(bus, "kill-" + round).isEmpty()) {
          throw new IllegalStateException("round " + round + ": no answer before the kill; log " + c.log());
        }
        busy = talkUntilKilled(bus, c, round, delayMs, completed);
      } finally {
        c.kill9();
      }
      Check check = check(dir, fingerprint, completed);
      lost += check.lost;
      corrupt += check.corrupt;
      inFlight += busy;
      rounds.add(new JsonObject().put("round", round).put("kill_after_ms", delayMs).put("turns_in_flight", busy)
          .put("snapshots", check.files).put("completed_so_far", check.expected).put("lost", check.lost)
          .put("corrupt", check.corrupt));
    }
    int expected = completed.values().stream().mapToInt(List::size).sum();
    return new JsonObject().put("kills", o.kills()).put("completed_turns", expected)
        .put("turns_in_flight_at_kills", inFlight).put("completed_turns_lost", lost).put("corrupt_snapshots", corrupt)
        .put("rounds", rounds);
  }

  /** Talkers converse until the kill; returns how many had a turn in flight when it came. */
  private static int talkUntilKilled(BusDriver bus, ComponentProcess c, int round, long delayMs,
      Map<String, List<String>> completed) throws InterruptedException {
    List<Replies.Track> pending = new CopyOnWriteArrayList<>();
    List<Thread> talkers = new ArrayList<>();
    for (int s = 0; s < TALKERS; s++) {
      String session = "k" + s;
      talkers.add(Thread.ofPlatform().daemon().name("fault-talker-" + s).start(() -> {
        for (int turn = 0; c.alive(); turn++) {
          String text = "Round " + round + " turn " + turn + " of " + session + ": is the boot closed?";
          Replies.Track t = bus.say(session, "r" + round + "-" + session + "-" + turn, text);
          pending.add(t);
          try {
            Optional<cockpit.proto.v1.Reply> r = t.awaitFinal(TURN);
            if (r.isPresent() && t.completed()) {
              completed.computeIfAbsent(session, k -> new CopyOnWriteArrayList<>()).add(text);
            }
          } catch (InterruptedException e) {
            return;
          }
          pending.remove(t);
          if (t.finalReply().isEmpty()) {
            return; // killed under it, or lost: either way this talker stops
          }
        }
      }));
    }
    Thread.sleep(delayMs); // the kill's random moment
    int busy = (int) pending.stream().filter(t -> t.finalReply().isEmpty()).count();
    c.kill9();
    for (Thread t : talkers) {
      t.interrupt();
      t.join(10_000);
    }
    return busy;
  }

  private record Check(int files, int expected, int lost, int corrupt) {}

  private static Check check(Path dir, String fingerprint, Map<String, List<String>> completed) throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    int corrupt = 0;
    Map<String, List<String>> users = new java.util.HashMap<>();
    List<SessionId> ids = store.list();
    for (SessionId id : ids) {
      try {
        Optional<LoadedSnapshot> s = store.load(id, fingerprint, in -> {
          ByteBuffer b = ByteBuffer.allocate(1 << 16);
          while (in.read(b.clear()) >= 0) {
            // the payload is checked by its CRC; its bytes are not needed here
          }
        });
        s.ifPresent(l -> users.put(id.value(), l.snapshot().transcript().stream()
            .filter(t -> t.role().equals("user")).map(Snapshot.Turn::text).toList()));
      } catch (SnapshotCorruptException e) {
        corrupt++;
      }
    }
    int expected = 0;
    int lost = 0;
    for (var e : completed.entrySet()) {
      List<String> have = users.getOrDefault(e.getKey(), List.of());
      for (String text : e.getValue()) {
        expected++;
        if (!have.contains(text)) {
          lost++;
        }
      }
    }
    return new Check(ids.size(), expected, lost, corrupt);
  }

  static String fingerprint(Path modelDir) throws Exception {
    try (LanguageModel m = LanguageModel.open(modelDir, new Backend.Reference())) {
      return m.fingerprint();
    }
  }
}
