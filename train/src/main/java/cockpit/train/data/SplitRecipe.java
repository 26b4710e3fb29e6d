package cockpit.train.data;

import cockpit.perception.task.PerceptionTasks;
import cockpit.sim.sample.Combination;
import cockpit.sim.sample.SceneConstraint;
import cockpit.sim.sample.SceneKind;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the splits are kept apart beyond their seed ranges ({@link Split#seed}): attribute
 * {@link Combination}s held out of training. Training and validation scenes never show any
 * combination of their scene kind ({@link SceneConstraint#excluding}), whatever task they are asked
 * for, so not even an image of another task leaks a held-out pair; every held-out scene of a task
 * shows at least one of the combinations that task answers about ({@link SceneConstraint#requiringAny}),
 * so held-out accuracy measures generalisation to pairs the model never saw. A combination matches
 * one entity of a scene (a seat, the driver, a road user, a sign; scene-wide lighting and place
 * belong to every entity). Immutable.
 *
 * @param cabin held out of cabin scenes
 * @param exterior held out of street and car-park scenes
 */
public record SplitRecipe(List<HeldOut> cabin, List<HeldOut> exterior) {
  /** One held-out combination and the tasks whose answers it changes. */
  public record HeldOut(Combination combination, Set<String> tasks) {
    public HeldOut {
      Objects.requireNonNull(combination, "combination");
      tasks = Set.copyOf(tasks);
      if (tasks.isEmpty()) {
        throw new IllegalArgumentException("held-out " + combination + " names no task");
      }
    }

    static HeldOut of(String combination, String... tasks) {
      return new HeldOut(Combination.parse(combination), Set.of(tasks));
    }
  }

  public SplitRecipe {
    cabin = List.copyOf(Objects.requireNonNull(cabin, "cabin"));
    exterior = List.copyOf(Objects.requireNonNull(exterior, "exterior"));
  }

  /**
   * The project's recipe. Cabin: a child on the front passenger seat, a pet behind the driver, a
   * phone on the rear middle seat, the driver looking left at night, the driver looking down under
   * IR light. Exterior: a cyclist passing in profile, a vehicle nearer than 5 m, a person under IR
   * light, a bay number in the slanted font, a pillar label behind the car.
   */
  public static SplitRecipe defaults() {
    String occupancy = PerceptionTasks.OCCUPANCY;
    String child = PerceptionTasks.CHILD_PRESENCE;
    String driver = PerceptionTasks.DRIVER_MONITORING;
    String door = PerceptionTasks.DOOR_HAZARD;
    String greeter = PerceptionTasks.GREETER;
    String finder = PerceptionTasks.CAR_FINDER;
    return new SplitRecipe(
        List.of(HeldOut.of("seat=row1.passenger_side+occupant=child", occupancy, child),
            HeldOut.of("seat=row2.driver_side+occupant=pet", occupancy, child),
            HeldOut.of("seat=row2.middle+object=phone", occupancy),
            HeldOut.of("lighting=night+gaze=left", driver),
            HeldOut.of("lighting=ir+gaze=down", driver)),
        List.of(HeldOut.of("kind=cyclist+facing=profile", door),
            HeldOut.of("kind=vehicle+distance=near", door),
            HeldOut.of("kind=person+lighting=ir", door, greeter),
            HeldOut.of("sign=bay+font=slant", finder),
            HeldOut.of("sign=pillar+direction=rear", finder)));
  }

  /** Every combination held out of scenes of {@code kind}. */
  public List<Combination> heldOut(SceneKind kind) {
    return (kind == SceneKind.CABIN ? cabin : exterior).stream().map(HeldOut::combination).toList();
  }

  /** The combinations held out of {@code kind} that {@code task}'s answers depend on. */
  public List<Combination> heldOut(SceneKind kind, String task) {
    return (kind == SceneKind.CABIN ? cabin : exterior).stream().filter(h -> h.tasks().contains(task))
        .map(HeldOut::combination).toList();
  }

  /**
   * What a scene of {@code kind} for {@code task} in {@code split} must satisfy.
   *
   * @throws IllegalArgumentException for the held-out split when no combination of {@code kind} names the task
   */
  public SceneConstraint constraint(Split split, SceneKind kind, String task) {
    List<Combination> all = heldOut(kind);
    return switch (split) {
      case TRAIN, VALIDATION -> all.isEmpty() ? SceneConstraint.none() : SceneConstraint.excluding(all);
      case HELD_OUT -> {
        List<Combination> mine = heldOut(kind, task);
        if (mine.isEmpty()) {
          throw new IllegalArgumentException("the split recipe holds out nothing for task " + task + " in "
              + kind.name().toLowerCase(java.util.Locale.ROOT) + " scenes");
        }
        yield SceneConstraint.requiringAny(mine);
      }
    };
  }
}
