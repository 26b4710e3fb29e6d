package cockpit.lm.text;

import java.util.Objects;

/**
 * One piece of a chat turn, as LFM2-VL's chat template sees a message's content list: text, or an
 * image that takes {@code tokens} {@code <image>} rows between {@code <|image_start|>} and
 * {@code <|image_end|>}. Immutable and thread-safe; validated on construction.
 */
public sealed interface Content {
  /** Text of the turn (encoded as untrusted text: it can never hold a control token). */
  record Text(String text) implements Content {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /** An image of {@code tokens} feature rows (the vision encoder's {@code tokens()}, 256 for AutoNeural). */
  record Image(int tokens) implements Content {
    public Image {
      if (tokens <= 0) {
        throw new IllegalArgumentException("an image takes at least one <image> token, got " + tokens);
      }
    }
  }

  static Content text(String text) {
    return new Text(text);
  }

  static Content image(int tokens) {
    return new Image(tokens);
  }
}
