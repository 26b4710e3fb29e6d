package cockpit.dialogue;

/**
 * Event-bus addresses the dialogue verticle uses. The values come from the bus module's topic table
 * (the launcher passes them in), so dialogue does not depend on the bus.
 */
public record DialogueAddresses(String voice, String sessionControl, String replies, String errors) {}
