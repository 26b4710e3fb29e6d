package cockpit.train.vlm;

import cockpit.train.data.PerceptionData;
import cockpit.train.data.PerceptionPrompts;
import cockpit.train.data.Split;
import cockpit.train.data.VlmSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Training batches of perception samples: slot {@code k} of step {@code s} is training example
 * {@code s · batch + k} (every example index is used once in a run, so every sample shows a new
 * scene) of a task chosen by the stage's weights — each task gets ⌊batch · share⌋ slots and the rest
 * are drawn by weight from a generator seeded by {@code (seed, step)}; slots are then shuffled by the
 * same generator. Thread-safe.
 */
public final class PerceptionSource implements BatchSource {
  private final PerceptionData data;
  private final PerceptionPrompts prompts;
  private final int batch;
  private final long seed;

  public PerceptionSource(PerceptionData data, PerceptionPrompts prompts, int batch, long seed) {
    if (batch <= 0) {
      throw new IllegalArgumentException("batch " + batch + " must be positive");
    }
    this.data = data;
    this.prompts = prompts;
    this.batch = batch;
    this.seed = seed;
  }

  public int batch() {
    return batch;
  }

  @Override
  public List<VlmSample> at(long step, Curriculum.Stage stage) {
    List<String> tasks = tasks(step, stage.weights());
    List<VlmSample> out = new ArrayList<>(batch);
    for (int k = 0; k < batch; k++) {
      String task = tasks.get(k);
      out.add(prompts.sample(data.example(Split.TRAIN, task, step * batch + k), data.task(task)));
    }
    return out;
  }

  /** The task of each slot of {@code step}. */
  List<String> tasks(long step, Map<String, Double> weights) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
    double total = 0;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      if (e.getValue() > 0 && !data.taskNames().contains(e.getKey())) {
        throw new IllegalArgumentException("the curriculum weighs task \"" + e.getKey() + "\", which this source has"
            + " no samples for; it has " + data.taskNames());
      }
      total += e.getValue();
    }
    List<String> slots = new ArrayList<>(batch);
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      for (int i = (int) Math.floor(batch * e.getValue() / total); i > 0; i--) {
        slots.add(e.getKey());
      }
    }
    while (slots.size() < batch) {
      double x = r.nextDouble() * total;
      for (Map.Entry<String, Double> e : weights.entrySet()) {
        x -= e.getValue();
        if (x < 0) {
          slots.add(e.getKey());
          break;
        }
      }
    }
    for (int i = slots.size() - 1; i > 0; i--) {
      java.util.Collections.swap(slots, i, r.nextInt(i + 1));
    }
    return slots;
  }
}
