package cockpit.dialogue.context;

import cockpit.lm.context.CabinFacts;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Where the car was parked: the time it parked and what the car finder read around it then (its last
 * result of the drive, or one arriving while still parked). Immutable and thread-safe.
 *
 * @param parkedAt when the vehicle state turned parked
 * @param place the place name the car finder read, "" when none
 * @param landmarks landmarks and signs, as the car finder listed them; empty when none was read
 * @param seenIn the frame the result came from ({@code exterior #812}), "" when there was no result
 */
public record ParkingMemory(Instant parkedAt, String place, List<CabinFacts.Landmark> landmarks, String seenIn) {
  public ParkingMemory {
    Objects.requireNonNull(parkedAt, "parkedAt");
    Objects.requireNonNull(place, "place");
    landmarks = List.copyOf(Objects.requireNonNull(landmarks, "landmarks"));
    Objects.requireNonNull(seenIn, "seenIn");
  }

  /** As a fact, the time in {@code zone}. */
  public CabinFacts.Parking fact(ZoneId zone) {
    return new CabinFacts.Parking(place, landmarks, LocalDateTime.ofInstant(parkedAt, zone));
  }
}
