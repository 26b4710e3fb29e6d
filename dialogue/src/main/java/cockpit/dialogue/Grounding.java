package cockpit.dialogue;

import cockpit.dialogue.context.ContextSource;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What ties the dialogue to the car: the cockpit facts each turn is told about, where attached images
 * come from, and the local time zone. Immutable and thread-safe.
 *
 * @param context the facts at the start of a turn ({@link ContextSource#NONE}: no context message)
 * @param images the images turns may attach ({@link ImageSource#NONE}: none)
 * @param zone local time zone of the {@code time} line, alert and parking times
 * @param timeLine whether the context states the local time ({@code time: HH:mm})
 */
public record Grounding(ContextSource context, ImageSource images, ZoneId zone, boolean timeLine) {
  /** No context, no images (a plain chat). */
  public static final Grounding NONE = new Grounding(ContextSource.NONE, ImageSource.NONE, ZoneId.of("UTC"), false);

  public Grounding {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(zone, "zone");
  }
}
