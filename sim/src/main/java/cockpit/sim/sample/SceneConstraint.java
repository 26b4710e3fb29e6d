package cockpit.sim.sample;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which drawn scenes {@link SceneSampler} may return: a test on the {@link SampledScene} (its scene and
 * {@link SceneFacts}) with a description for error messages. The sampler redraws until a scene passes.
 * Building data splits with combinations never seen in training:
 *
 * <pre>{@code
 * List<Combination> held = List.of(Combination.parse("seat=row2.middle+object=phone"),
 *     Combination.parse("lighting=night+gaze=left"));
 * SceneConstraint train = SceneConstraint.excluding(held);      // train and validation
 * SceneConstraint heldOut = SceneConstraint.requiringAny(held); // every held-out scene shows one
 * }</pre>
 *
 * Immutable and thread-safe when the predicate is.
 */
public record SceneConstraint(String description, Predicate<SampledScene> test) {
  public SceneConstraint {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(test, "test");
  }

  /** Every scene. */
  public static SceneConstraint none() {
    return new SceneConstraint("any scene", s -> true);
  }

  /** No entity of the scene shows any of {@code combinations}. */
  public static SceneConstraint excluding(List<Combination> combinations) {
    List<Combination> c = List.copyOf(combinations);
    return new SceneConstraint("excluding " + describe(c), s -> {
      SceneFacts f = s.facts();
      return c.stream().noneMatch(f::shows);
    });
  }

  /** Some entity of the scene shows at least one of {@code combinations}. */
  public static SceneConstraint requiringAny(List<Combination> combinations) {
    List<Combination> c = List.copyOf(combinations);
    if (c.isEmpty()) {
      throw new IllegalArgumentException("requiringAny needs at least one combination");
    }
    return new SceneConstraint("requiring one of " + describe(c), s -> {
      SceneFacts f = s.facts();
      return c.stream().anyMatch(f::shows);
    });
  }

  /**
   * Only the listed value combinations of their keys, e.g. the lighting+gaze pairs
   * {@code [lighting=day+gaze=road, lighting=night+gaze=left]}: every entity that has all those keys
   * must show one of the listed combinations; entities without the keys are not affected. All
   * combinations must name the same keys.
   */
  public static SceneConstraint onlyCombinations(List<Combination> allowed) {
    List<Combination> c = List.copyOf(allowed);
    if (c.isEmpty()) {
      throw new IllegalArgumentException("onlyCombinations needs at least one combination");
    }
    Set<String> keys = c.getFirst().values().keySet();
    for (Combination x : c) {
      if (!x.values().keySet().equals(keys)) {
        throw new IllegalArgumentException("onlyCombinations needs the same keys in every combination: " + keys
            + " vs " + x.values().keySet());
      }
    }
    return new SceneConstraint("only " + describe(c), s -> s.facts().entities().stream()
        .filter(e -> c.getFirst().keysOf(e))
        .allMatch(e -> c.stream().anyMatch(x -> x.matches(e))));
  }

  /** Any test on the drawn scene, e.g. {@code s -> s.facts().entities().size() > 3}. */
  public static SceneConstraint where(String description, Predicate<SampledScene> test) {
    return new SceneConstraint(description, test);
  }

  /** Both constraints. */
  public SceneConstraint and(SceneConstraint other) {
    return new SceneConstraint(description + " and " + other.description, test.and(other.test));
  }

  public boolean accepts(SampledScene s) {
    return test.test(s);
  }

  @Override
  public String toString() {
    return description;
  }

  /** The description of a list of combinations, as {@code [a=b+c=d, ...]}. */
  static String describe(List<Combination> c) {
    return c.stream().map(Combination::toString).collect(Collectors.joining(", ", "[", "]"));
  }
}
