package cockpit.app.bench.faults;

import cockpit.dialogue.snapshot.SessionId;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.Reply;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Part 4: the snapshot directory on a small tmpfs that the suite fills up mid-conversation. Turns must
 * still be answered, each failed save must come as an ErrorReport ({@code SNAPSHOT_SAVE_FAILED}, naming
 * the cause), the previous snapshot must stay byte for byte, no temp file may be left, and once space is
 * back the next turn must save again. The tmpfs is mounted directly when the suite runs as root, otherwise
 * inside a private user and mount namespace of the component ({@code unshare}); the part is skipped, with
 * the reason, when neither is permitted.
 */
final class DiskFullPart {
  private static final String SIZE = "64m";
  private static final String SAVE_FAILED = "ERROR_REASON_SNAPSHOT_SAVE_FAILED";

  private DiskFullPart() {}

  /** Where the tmpfs is and how the component reaches it. */
  private record Mount(String mode, List<String> wrapper, Path dir) {}

  static JsonObject run(Rig rig) throws Exception {
    Path dir = rig.dir("diskfull-snapshots");
    Optional<Mount> mount = mount(dir);
    if (mount.isEmpty()) {
      return new JsonObject().put("skipped", "cannot mount a tmpfs here (not root, and `unshare --user --mount`"
          + " is not permitted)");
    }
    int port = Rig.freePort();
    ComponentProcess c = rig.launch("disk-full", mount.get().wrapper(), List.of("zenoh.listen=" + Rig.endpoint(port),
        "dialogue.snapshot-dir=" + dir));
    // Through /proc/<pid>/root the suite sees the component's mount namespace (the same for a direct mount).
    Path view = mount.get().mode().equals("tmpfs") ? dir : Path.of("/proc/" + c.pid() + "/root" + dir);
    Path filler = view.resolve("filler.bin");
    String fingerprint = KillPart.fingerprint(rig.options.modelDir()); // the launch made the model if missing
    try (BusDriver bus = new BusDriver(BusDriver.config(Rig.endpoint(port), false), Rig.VIN)) {
      Optional<Reply> first = bus.sayUntilAnswered("df-a", "df-a-1", "Remember the code 4711.", Duration.ofSeconds(10),
          Probes.ANSWER);
      Path snapA = view.resolve("df-a.snap");
      if (first.isEmpty() || !Files.isRegularFile(snapA)) {
        throw new IllegalStateException("no first turn or snapshot before filling the disk; log " + c.log());
      }
      byte[] before = Files.readAllBytes(snapA);
      fill(filler, view.toFile().getUsableSpace() - before.length / 2); // statvfs on the path itself
      long reportsBefore = bus.errors(SAVE_FAILED);
      int answered = 0;
      for (String[] turn : new String[][] {{"df-a", "df-a-2", "What was the code?"}, {"df-b", "df-b-1", "Hello."}}) {
        Optional<Reply> r = bus.say(turn[0], turn[1], turn[2]).awaitFinal(Probes.ANSWER);
        if (r.isPresent() && r.get().getFinishReason() != cockpit.proto.v1.FinishReason.FINISH_REASON_ERROR) {
          answered++;
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (bus.errors(SAVE_FAILED) - reportsBefore < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20); // polling for the reports' arrival, bounded
      }
      long reports = bus.errors(SAVE_FAILED) - reportsBefore;
      boolean intact = Arrays.equals(before, Files.readAllBytes(snapA));
      long temps;
      try (var files = Files.list(view)) {
        temps = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
      }
      Files.delete(filler);
      Optional<Reply> after = bus.say("df-a", "df-a-3", "Thanks.").awaitFinal(Probes.ANSWER);
      int userTurns = userTurns(view, fingerprint, "df-a");
      JsonObject out = new JsonObject().put("mode", mount.get().mode()).put("tmpfs", SIZE)
          .put("snapshot_bytes", before.length).put("turns_while_full", 2).put("answered_while_full", answered)
          .put("save_failed_reports", reports)
          .put("report_example", bus.lastError(SAVE_FAILED).map(ErrorReport::getMessage).orElse(""))
          .put("previous_snapshot_intact", intact).put("temp_files_left", temps)
          .put("answered_after_space_freed", after.isPresent())
          .put("user_turns_in_snapshot_after", userTurns).put("stop_exit_status", c.stop(Duration.ofSeconds(60)));
      return out;
    } finally {
      c.close();
      if (mount.get().mode().equals("tmpfs")) {
        exec(List.of("umount", dir.toString()));
      }
    }
  }

  private static Optional<Mount> mount(Path dir) throws InterruptedException {
    if (exec(List.of("mount", "-t", "tmpfs", "-o", "size=" + SIZE + ",mode=0700", "tmpfs", dir.toString()))) {
      return Optional.of(new Mount("tmpfs", List.of(), dir));
    }
    List<String> wrapper = List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
        "mount -t tmpfs -o size=" + SIZE + " tmpfs \"$0\" && exec \"$@\"", dir.toString());
    if (exec(concat(wrapper, List.of("true")))) {
      return Optional.of(new Mount("unshare", wrapper, dir));
    }
    return Optional.empty();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static boolean exec(List<String> cmd) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      return p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes {@code bytes} real zeros (a sparse file would not take the space). */
  private static void fill(Path file, long bytes) throws IOException {
    byte[] zeros = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = bytes; left > 0; left -= zeros.length) {
        out.write(zeros, 0, (int) Math.min(zeros.length, left));
      }
    }
  }

  private static int userTurns(Path dir, String fingerprint, String session) throws IOException {
    var loaded = new SnapshotStore(dir).load(SessionId.tryFrom(session), fingerprint, in -> {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 16);
      while (in.read(b.clear()) >= 0) {
        // drained: the CRC has vouched for it
      }
    });
    return loaded.map(l -> (int) l.snapshot().transcript().stream().filter(t -> t.role().equals("user")).count())
        .orElse(0);
  }
}
