package cockpit.app;

import cockpit.app.bench.BusBenchmark;
import cockpit.app.bench.CameraLoadBenchmark;
import cockpit.app.bench.DialogueBenchmark;
import cockpit.app.bench.ImageTurnBenchmark;
import cockpit.app.bench.ModelBenchmark;
import cockpit.app.bench.PerceptionBenchmark;
import cockpit.npu.model.Profile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cockpit bench …}: benchmarks that print JSON (recorded in docs/benchmarks.md). */
@Command(name = "bench", description = {"Benchmarks printing JSON (recorded in docs/benchmarks.md).", "", "Example:",
    "  cockpit bench model --profiles tiny > model.json", "  cockpit help bench dialogue"},
    subcommands = {HelpCommand.class, BenchCommand.Bus.class, BenchCommand.Model.class,
    BenchCommand.Dialogue.class, BenchCommand.ImageTurns.class, BenchCommand.Perception.class,
    BenchCommand.Quant.class, FaultsCommand.class})
final class BenchCommand {
  /** {@code cockpit bench bus}: Zenoh throughput and round trips, Java↔Java and Java↔Python. */
  @Command(name = "bus", description = {"Zenoh throughput (100 B, 100 KB, 1 MB) and 100 B round trips over loopback,"
      + " Java->Java and Java->Python.", "",
      "Example:", "  cockpit bench bus --scale 0.1 --no-python"})
  static final class Bus implements Callable<Integer> {
    @Option(names = "--scale", defaultValue = "1.0", description = "Multiplies message counts (default 1.0).")
    double scale;

    @Option(names = "--no-python", description = "Skip the Java->Python peer runs.")
    boolean noPython;

    @Override
    public Integer call() throws Exception {
      System.out.println(new BusBenchmark(scale, !noPython).run().encodePrettily());
      return 0;
    }
  }

  /** {@code cockpit bench model}: hybrid vs all-attention/ViT baseline, side by side. */
  @Command(name = "model", description = {"Vision encode ms, prefill tok/s, decode tok/s at several contexts, state"
      + " bytes: LFM2 hybrid + MobileNetV5-style vs all-attention + ViT of the same size.", "",
      "Example:", "  cockpit bench model --profiles tiny --contexts 128,1024"})
  static final class Model implements Callable<Integer> {
    @Option(names = "--profiles", defaultValue = "tiny,small", description = "Comma-separated (default tiny,small).")
    String profiles;

    @Option(names = "--contexts", defaultValue = "128,1024,4000", description = "Decode contexts.")
    String contexts;

    @Mixin
    ModelCache cache;

    @Override
    public Integer call() throws Exception {
      List<Profile> ps = ModelCache.profiles(profiles);
      List<Integer> cs = Arrays.stream(contexts.split(",")).map(String::trim).map(Integer::parseInt).toList();
      Path dir = cache.dir();
      cockpit.app.ProgressBar bar = new cockpit.app.ProgressBar(System.err);
      System.out.println(new ModelBenchmark(ps, dir, cs, bar).run().encodePrettily());
      return 0;
    }
  }

  /** {@code cockpit bench quant}: W4A16 vs float decoder on CPU. */
  @Command(name = "quant", description = {"CPU decode tok/s (several contexts), prefill tok/s and decoder weight bytes:"
      + " W4A16 MatMulNBits (accuracy level 0 and 4) vs float, LFM2 hybrid.", "",
      "Example:", "  cockpit bench quant --profiles tiny --contexts 128"})
  static final class Quant implements Callable<Integer> {
    @Option(names = "--profiles", defaultValue = "tiny,small", description = "Comma-separated (default tiny,small).")
    String profiles;

    @Option(names = "--contexts", defaultValue = "128,1024", description = "Decode contexts (default 128,1024).")
    String contexts;

    @Mixin
    ModelCache cache;

    @Override
    public Integer call() throws Exception {
      List<Profile> ps = ModelCache.profiles(profiles);
      List<Integer> cs = Arrays.stream(contexts.split(",")).map(String::trim).map(Integer::parseInt).toList();
      Path dir = cache.dir();
      cockpit.app.ProgressBar bar = new cockpit.app.ProgressBar(System.err);
      System.out.println(new cockpit.app.bench.QuantBenchmark(ps, dir, cs, bar).run().encodePrettily());
      return 0;
    }
  }

  /** {@code cockpit bench dialogue}: carried decoder state vs re-prefill, snapshots, hybrid vs baseline. */
  @Command(name = "dialogue", description = {"Per-turn TTFT over a 30-turn conversation growing to ~4000 tokens"
      + " (carried state vs re-prefill), snapshot save/load vs re-prefill, state bytes, decode tok/s at 100 and"
      + " ~4000 tokens: LFM2 hybrid vs all-attention decoder of the same size.", "",
      "Example:", "  cockpit bench dialogue --profiles tiny --turns 10"})
  static final class Dialogue implements Callable<Integer> {
    @Option(names = "--profiles", defaultValue = "tiny,small", description = "Comma-separated (default tiny,small).")
    String profiles;

    @Option(names = "--turns", defaultValue = "30", description = "User turns at most (default 30); they share the ~4000-token"
        + " conversation, so fewer turns are longer.")
    int turns;

    @Option(names = "--reprefill-every", defaultValue = "0", description = "Re-prefill every n-th turn; 0 (default)"
        + " measures every turn unless the full run is estimated over 6 minutes per model, then every 5th.")
    int reprefillEvery;

    @Mixin
    ModelCache cache;

    @Override
    public Integer call() throws Exception {
      List<Profile> ps = ModelCache.profiles(profiles);
      Path dir = cache.dir();
      cockpit.app.ProgressBar bar = new cockpit.app.ProgressBar(System.err);
      System.out.println(new DialogueBenchmark(ps, dir, turns, reprefillEvery, bar).run().encodePrettily());
      return 0;
    }
  }

  /** {@code cockpit bench image-turns}: TTFT of a turn with an image vs text, encoder runs per shared frame. */
  @Command(name = "image-turns", description = {"TTFT of a turn with one attached image vs the same text turn at"
      + " 512/2048/3584 tokens of context (encoder in the turn, or features shared with perception), hybrid vs"
      + " all-attention baseline; encoder runs per frame with perception and dialogue asking for the same frames.", "",
      "Example:", "  cockpit bench image-turns --profiles tiny --repeats 1 --frames 0"})
  static final class ImageTurns implements Callable<Integer> {
    @Option(names = "--profiles", defaultValue = "tiny,small", description = "Comma-separated (default tiny,small).")
    String profiles;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed runs per figure, median reported (default 3).")
    int repeats;

    @Option(names = "--frames", defaultValue = "10", description = "Frames of the shared-encoder run (default 10; 0"
        + " skips it).")
    int frames;

    @Mixin
    ModelCache cache;

    @Override
    public Integer call() throws Exception {
      if (repeats < 1) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--repeats must be >= 1");
      }
      List<Profile> ps = ModelCache.profiles(profiles);
      cockpit.app.ProgressBar bar = new cockpit.app.ProgressBar(System.err);
      System.out.println(new ImageTurnBenchmark(ps, cache.dir(), repeats, frames, bar).run().encodePrettily());
      return 0;
    }
  }

  /** {@code cockpit bench perception}: frame→DetectionSet latency, parked-hour CPU, 4×30 fps load. */
  @Command(name = "perception", description = {"Frame->DetectionSet latency p50/p99 per profile and task; process"
      + " CPU-seconds per simulated parked hour, change gate on vs off; 4 cameras x 30 fps offered over Zenoh.", "",
      "Example:", "  cockpit bench perception --profiles tiny --runs 5 --load-seconds 0"})
  static final class Perception implements Callable<Integer> {
    @Option(names = "--profiles", defaultValue = "tiny,small", description = "Comma-separated (default tiny,small).")
    String profiles;

    @Option(names = "--runs", defaultValue = "20", description = "Frames per task at tiny (a quarter, at least 3,"
        + " for larger profiles; default 20).")
    int runs;

    @Option(names = "--parked-seconds", defaultValue = "600", description = "Simulated parked seconds per gate"
        + " setting, scaled to an hour in the report (default 600).")
    int parkedSeconds;

    @Option(names = "--load-seconds", defaultValue = "20", description = "Measured seconds of the 4-camera load"
        + " (default 20; 0 skips it).")
    int loadSeconds;

    @Option(names = "--parts", defaultValue = "latency,fork,parked,load", description = "Comma-separated parts:"
        + " latency (per task), fork (perception.fork-prefix off vs on, fork bytes hybrid vs all-attention),"
        + " parked (parked-hour CPU), load (4 cameras); default all.")
    String parts;

    @Mixin
    ModelCache cache;

    @Override
    public Integer call() throws Exception {
      List<Profile> ps = ModelCache.profiles(profiles);
      Path dir = cache.dir();
      cockpit.app.ProgressBar bar = new cockpit.app.ProgressBar(System.err);
      java.util.Set<String> chosen = new java.util.HashSet<>(List.of(parts.split(",")));
      boolean load = chosen.remove("load");
      var out = new PerceptionBenchmark(ps, dir, runs, parkedSeconds, chosen, bar).run();
      if (load && loadSeconds > 0) {
        out.put("camera_load", new CameraLoadBenchmark(dir, loadSeconds, bar).run());
      }
      System.out.println(out.encodePrettily());
      return 0;
    }
  }
}
