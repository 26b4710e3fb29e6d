package cockpit.perception.task;

/**
 * The confidence of parts of one task answer, addressed by JSON pointer ({@code ""} = the whole answer,
 * {@code /seats/0} = the first seat, {@code /seats/0/objects/1} = its second object). What the mappers ask
 * when they build detections; {@link AnswerConfidence} answers from the model's token probabilities.
 */
@FunctionalInterface
public interface ItemConfidence {
  /**
   * The item at {@code pointer}: its existence (when it is an array element) and the values of {@code fields},
   * its members a detection is built from; with no fields, every choice inside the item.
   *
   * @return a confidence in [0, 1]
   * @throws IllegalArgumentException if the answer has no value there
   */
  float of(String pointer, String... fields);
}
