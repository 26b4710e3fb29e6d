package cockpit.train.data;

import cockpit.sim.sample.SampledScene;
import cockpit.sim.scene.GroundTruth;
import java.util.Objects;

/**
 * One perception training example before tokenization: the frame as the encoder sees it, the task's
 * question and the ideal answer. The pixel array is the example's own (not shared).
 *
 * @param index the example's index in its split ({@link Split#seed} gives the scene seed)
 * @param scene the drawn scene (kind, seed, draw, render seed, JPEG quality)
 * @param width camera frame width before letterboxing
 * @param height camera frame height before letterboxing
 * @param pixels the encoder input [3, S, S] in [0, 1], letterboxed by perception's {@code Preprocessor}
 * @param question the task's prompt text (the runtime's {@code PerceptionTask.prompt})
 * @param answer the compact JSON answer, valid in the task's schema
 * @param truth what the frame shows
 */
public record PerceptionExample(Split split, String task, long index, SampledScene scene, int width, int height,
    float[] pixels, String question, String answer, GroundTruth truth) {
  public PerceptionExample {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(truth, "truth");
    if (pixels.length % 3 != 0) {
      throw new IllegalArgumentException("pixels are not [3, S, S]: " + pixels.length + " values");
    }
  }
}
