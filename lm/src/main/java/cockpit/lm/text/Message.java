package cockpit.lm.text;

import java.util.Objects;

/**
 * One chat message as the chat template sees it. Immutable and thread-safe; validated on construction.
 *
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content the message text, possibly empty
 */
public record Message(String role, String content) {
  public static final String SYSTEM = "system";
  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";
  public static final String TOOL = "tool";

  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    if (role.isBlank() || role.contains("\n")) {
      throw new IllegalArgumentException("a role is one non-blank line, got '" + role + "'");
    }
  }

  public static Message system(String content) {
    return new Message(SYSTEM, content);
  }

  public static Message user(String content) {
    return new Message(USER, content);
  }

  public static Message assistant(String content) {
    return new Message(ASSISTANT, content);
  }
}
