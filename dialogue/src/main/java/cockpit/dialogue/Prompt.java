package cockpit.dialogue;

import cockpit.dialogue.snapshot.Snapshot;
import cockpit.lm.Decoder;
import cockpit.lm.ImageEmbeddings;
import cockpit.lm.LanguageModel;
import cockpit.lm.context.CabinFacts;
import cockpit.lm.context.ContextFormat;
import cockpit.lm.text.Content;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The new tokens of one turn: the context message with the facts that changed since the session last
 * saw them (none when nothing changed), then the user turn with its images before its text, then the
 * assistant prompt:
 *
 * <pre>
 * (&lt;|im_start|&gt;context\n{changed lines}&lt;|im_end|&gt;\n)?
 * &lt;|im_start|&gt;user\n(&lt;|image_start|&gt;&lt;image&gt;×N&lt;|image_end|&gt;)*{text}&lt;|im_end|&gt;\n&lt;|im_start|&gt;assistant\n
 * </pre>
 *
 * Immutable; built and used by one turn.
 *
 * @param lines the context lines sent this turn (with silent retractions, which the message does not show)
 * @param context the context message's ids (empty when no line changed)
 * @param user the user turn's ids with the assistant prompt, image rows as {@code <image>}
 * @param images the user turn's images, in order
 */
record Prompt(List<ContextFormat.Line> lines, int[] context, int[] user, List<ImageSource.TurnImage> images) {
  static Prompt of(LanguageModel model, CabinFacts facts, Map<String, String> seen, String text,
      List<ImageSource.TurnImage> images) {
    List<ContextFormat.Line> lines = ContextFormat.changed(seen, ContextFormat.lines(facts));
    int[] context = ContextFormat.shown(lines).isEmpty() ? new int[0]
        : model.chat().turn(ContextFormat.ROLE, ContextFormat.message(lines));
    int hidden = model.decoder().config().hiddenSize();
    List<Content> content = new ArrayList<>();
    for (ImageSource.TurnImage i : images) {
      if (i.features().length == 0 || i.features().length % hidden != 0) {
        throw new IllegalArgumentException("image " + i.source() + " has " + i.features().length
            + " feature values, not whole rows of " + hidden);
      }
      content.add(new Content.Image(i.features().length / hidden));
    }
    content.add(new Content.Text(text));
    return new Prompt(lines, context, model.chat().userTurn(content), List.copyOf(images));
  }

  /** Tokens the prompt takes. */
  int length() {
    return context.length + user.length;
  }

  /** Every id of the prompt. */
  int[] ids() {
    int[] all = Arrays.copyOf(context, length());
    System.arraycopy(user, 0, all, context.length, user.length);
    return all;
  }

  /** The prompt's embeddings [length · H], image rows replaced by the images' features. */
  float[] embeds(LanguageModel model) {
    return embeds(model, ids(), images.stream().map(ImageSource.TurnImage::features).toList());
  }

  /** Embeddings of {@code ids}, its {@code <image>} rows replaced by {@code features} in order. */
  static float[] embeds(LanguageModel model, int[] ids, List<float[]> features) {
    Decoder d = model.decoder();
    return features.isEmpty() ? d.embed(ids) : ImageEmbeddings.of(d, ids, model.chat().image(), features);
  }

  /** The images as transcript entries. */
  List<Snapshot.Image> transcriptImages(int hidden) {
    return images.stream().map(i -> new Snapshot.Image(i.source(), i.features().length / hidden)).toList();
  }
}
