package cockpit.bus;

import com.google.protobuf.Message;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An id field of an inbound message that must satisfy {@link BusIds}: checked by the bridge before
 * the message reaches the event bus. Immutable.
 *
 * @param name the protobuf field name, for error messages ({@code session_id})
 * @param required whether an empty value is refused; an optional id is checked only when set
 * @param values the field's values in a message (one for a scalar, several for a repeated field)
 * @param <M> the message type
 */
public record IdField<M extends Message>(String name, boolean required, Function<M, List<String>> values) {
  public IdField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(values, "values");
  }

  /** A scalar id field. */
  public static <M extends Message> IdField<M> of(String name, boolean required, Function<M, String> value) {
    return new IdField<>(name, required, m -> List.of(value.apply(m)));
  }

  /** A repeated id field; each element is checked (an empty list is fine). */
  public static <M extends Message> IdField<M> repeated(String name, Function<M, List<String>> values) {
    return new IdField<>(name, false, values);
  }
}
