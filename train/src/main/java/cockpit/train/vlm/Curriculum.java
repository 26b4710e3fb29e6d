package cockpit.train.vlm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scaled-down AutoNeural curriculum: consecutive stages, each with the share of the batch each
 * task gets and a learning-rate scale per parameter group (vision encoder, connector, decoder). The
 * stage is a function of the step, so a resumed run follows the same curriculum. Immutable.
 *
 * <p>{@link #defaults}: AutoNeural aligns a pretrained encoder and language model through the
 * connector before joint training. Both of ours start from scratch, so alignment here means the
 * image path learns at the full rate while the decoder's language prior forms at a third of it
 * (the risk it guards against: a decoder that settles on the answers' majority values before the
 * image carries anything); then joint perception at the full rate; then, once dialogue samples exist,
 * perception mixed with dialogue.
 */
public record Curriculum(List<Stage> stages) {
  /**
   * One stage, active for steps before {@code until}.
   *
   * @param weights relative share of each task in a batch (perception task names; {@code dialogue})
   */
  public record Stage(String name, long until, Map<String, Double> weights, double visionLr, double connectorLr,
      double decoderLr) {
    public Stage {
      Objects.requireNonNull(name, "name");
      weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
      if (weights.isEmpty() || weights.values().stream().anyMatch(w -> !(w >= 0))
          || weights.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
        throw new IllegalArgumentException("stage " + name + " needs non-negative task weights, some positive: "
            + weights);
      }
      if (!(visionLr >= 0 && connectorLr >= 0 && decoderLr >= 0)) {
        throw new IllegalArgumentException("stage " + name + ": learning-rate scales must be ≥ 0");
      }
    }

    /** The learning-rate scale of parameter {@code name} (by its safetensors prefix). */
    public double lrScale(String param) {
      if (param.startsWith("vision.")) {
        return visionLr;
      }
      return param.startsWith("connector.") ? connectorLr : decoderLr;
    }
  }

  public Curriculum {
    stages = List.copyOf(stages);
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a curriculum needs a stage");
    }
    for (int i = 1; i < stages.size(); i++) {
      if (stages.get(i).until() <= stages.get(i - 1).until()) {
        throw new IllegalArgumentException("stages must end in increasing order: " + stages);
      }
    }
  }

  /**
   * Alignment for the first {@code align} steps, then joint perception until {@code dialogueFrom}, then
   * perception with {@code dialogueShare} of dialogue (no dialogue stage when {@code dialogueShare} is 0).
   */
  public static Curriculum defaults(List<String> tasks, long align, long dialogueFrom, double dialogueShare) {
    Map<String, Double> even = new LinkedHashMap<>();
    tasks.forEach(t -> even.put(t, 1.0));
    if (dialogueShare <= 0) {
      return new Curriculum(List.of(new Stage("align", align, even, 1, 1, 1 / 3.0),
          new Stage("perception", Long.MAX_VALUE, even, 1, 1, 1)));
    }
    Map<String, Double> mixed = new LinkedHashMap<>(even);
    mixed.put(DIALOGUE, tasks.size() * dialogueShare / (1 - dialogueShare));
    return new Curriculum(List.of(new Stage("align", align, even, 1, 1, 1 / 3.0),
        new Stage("perception", Math.max(dialogueFrom, align + 1), even, 1, 1, 1),
        new Stage("mixed", Long.MAX_VALUE, mixed, 1, 1, 1)));
  }

  /** The weight key of dialogue samples. */
  public static final String DIALOGUE = "dialogue";

  /** The stage of (0-based) {@code step}. */
  public Stage at(long step) {
    for (Stage s : stages) {
      if (step < s.until()) {
        return s;
      }
    }
    return stages.getLast();
  }
}
