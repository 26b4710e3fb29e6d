package cockpit.train.data;

import cockpit.perception.frame.FrameDecoder;
import cockpit.perception.frame.InvalidFrameException;
import cockpit.perception.frame.Preprocessor;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.PerceptionTasks;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.FrameEncoding;
import cockpit.sim.sample.Example;
import cockpit.sim.sample.SampledScene;
import cockpit.sim.sample.SceneConstraint;
import cockpit.sim.sample.SceneKind;
import cockpit.sim.sample.SceneSampler;
import cockpit.sim.scene.CabinScene;
import cockpit.sim.scene.ExteriorTruth;
import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The seeded perception data generator: example {@code (split, task, index)} is a scene drawn by
 * sim's {@link SceneSampler} from {@link Split#seed}{@code (index)} under the split's constraint
 * ({@link SplitRecipe}), rendered as the camera would send it (JPEG at the sampler's quality, 320×240
 * or for one index in four 256×256), decoded and letterboxed by perception's own
 * {@link FrameDecoder} and {@link Preprocessor}, asked the task's runtime prompt, and answered from
 * the ground truth ({@link AnswerFacts}) in the task's runtime schema ({@link SchemaAnswer}). Same
 * arguments → identical pixels and text on every run.
 *
 * <p>Scenes per task: cabin for occupancy, child presence and driver monitoring (only cabins with a
 * driver: the task judges a face); a street or a car park (by index parity) for door hazard and
 * greeter; a car park for the car finder. Exterior examples need every road user at most a third
 * covered and, for the car finder, every sign uncovered (a hidden fact is not a fair question).
 *
 * <p>Immutable and thread-safe.
 */
public final class PerceptionData {
  /** Largest covered fraction of a road user an exterior example accepts. */
  public static final double MAX_COVERED = 1 / 3.0;

  private static final SceneSampler SAMPLER = new SceneSampler();
  private static final FrameDecoder DECODER = new FrameDecoder();

  private final Preprocessor preprocessor;
  private final SplitRecipe recipe;
  private final Map<String, PerceptionTask> tasks = new LinkedHashMap<>();
  private final Map<String, SchemaAnswer> answers = new LinkedHashMap<>();

  /**
   * @param imageSize the model's square input side
   * @param tasks the runtime's task definitions (prompt and schema), e.g. {@link PerceptionTasks#defaults()}
   */
  public PerceptionData(int imageSize, SplitRecipe recipe, List<PerceptionTask> tasks) {
    this.preprocessor = new Preprocessor(imageSize);
    this.recipe = Objects.requireNonNull(recipe, "recipe");
    for (PerceptionTask t : tasks) {
      kinds(t.name()); // fails for a task without scenes
      this.tasks.put(t.name(), t);
      this.answers.put(t.name(), new SchemaAnswer(t.schema()));
    }
    if (this.tasks.isEmpty()) {
      throw new IllegalArgumentException("no tasks");
    }
  }

  /** The task names, in the order given. */
  public List<String> taskNames() {
    return List.copyOf(tasks.keySet());
  }

  public PerceptionTask task(String name) {
    PerceptionTask t = tasks.get(name);
    if (t == null) {
      throw new IllegalArgumentException("unknown task \"" + name + "\"; known: " + tasks.keySet());
    }
    return t;
  }

  /** The model input side. */
  public int imageSize() {
    return preprocessor.size();
  }

  /** Example {@code index} of {@code task} in {@code split}. */
  public PerceptionExample example(Split split, String task, long index) {
    Draw d = draw(split, task, index);
    Example ex = d.scene.example(d.width, d.height);
    float[] pixels = preprocess(ex.jpeg(), d.width, d.height);
    String answer = answers.get(task).write(AnswerFacts.of(task, ex.truth()));
    return new PerceptionExample(split, task, index, d.scene, d.width, d.height, pixels, task(task).prompt(), answer,
        ex.truth());
  }

  /** Only the answer of example {@code index} (no JPEG, no letterbox): for the tokenizer's corpus. */
  public String answer(Split split, String task, long index) {
    Draw d = draw(split, task, index);
    return answers.get(task).write(AnswerFacts.of(task, d.scene.render(d.width, d.height).truth()));
  }

  private record Draw(SampledScene scene, int width, int height) {}

  private Draw draw(Split split, String task, long index) {
    task(task); // fails clearly for an unknown task
    long seed = split.seed(index);
    List<SceneKind> kinds = kinds(task);
    SceneKind kind = kinds.get((int) Math.floorMod(index, kinds.size()));
    boolean square = mix(seed) >>> 62 == 0; // one index in four
    int width = square ? 256 : 320;
    int height = square ? 256 : 240;
    SceneConstraint c = recipe.constraint(split, kind, task).and(fair(task, width, height));
    return new Draw(SAMPLER.sample(kind, seed, c), width, height);
  }

  /** The scene kinds a task's examples come from. */
  static List<SceneKind> kinds(String task) {
    return switch (task) {
      case PerceptionTasks.OCCUPANCY, PerceptionTasks.DRIVER_MONITORING, PerceptionTasks.CHILD_PRESENCE ->
          List.of(SceneKind.CABIN);
      case PerceptionTasks.DOOR_HAZARD, PerceptionTasks.GREETER -> List.of(SceneKind.STREET, SceneKind.CAR_PARK);
      case PerceptionTasks.CAR_FINDER -> List.of(SceneKind.CAR_PARK);
      default -> throw new IllegalArgumentException("the data generator has no scenes for task \"" + task + "\"");
    };
  }

  /** What a scene needs for {@code task}'s question to be answerable from its pixels. */
  private static SceneConstraint fair(String task, int width, int height) {
    return switch (task) {
      case PerceptionTasks.DRIVER_MONITORING -> SceneConstraint.where("a driver in the seat",
          s -> ((CabinScene) s.scene()).hasDriver());
      case PerceptionTasks.DOOR_HAZARD, PerceptionTasks.GREETER -> SceneConstraint.where("road users visible",
          s -> ((ExteriorTruth) s.render(width, height).truth()).roadUsers().stream()
              .allMatch(u -> u.covered() <= MAX_COVERED));
      case PerceptionTasks.CAR_FINDER -> SceneConstraint.where("signs and road users visible", s -> {
        ExteriorTruth t = (ExteriorTruth) s.render(width, height).truth();
        return t.signs().stream().allMatch(g -> g.covered() == 0)
            && t.roadUsers().stream().allMatch(u -> u.covered() <= MAX_COVERED);
      });
      default -> SceneConstraint.none();
    };
  }

  /** JPEG → perception's decoder → perception's letterbox: the runtime's exact path. */
  private float[] preprocess(byte[] jpeg, int width, int height) {
    CameraFrame frame = CameraFrame.newBuilder().setEncoding(FrameEncoding.FRAME_ENCODING_JPEG)
        .setData(ByteString.copyFrom(jpeg)).setWidth(width).setHeight(height).setCameraId("train").build();
    try {
      return preprocessor.preprocess(DECODER.decode(frame)).pixels();
    } catch (InvalidFrameException e) {
      throw new IllegalStateException("the renderer's JPEG does not decode: " + e.getMessage(), e);
    }
  }

  /** SplitMix64's finalizer. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
