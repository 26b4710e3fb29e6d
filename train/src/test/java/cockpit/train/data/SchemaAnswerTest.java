package cockpit.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Answers keep every declared field in schema order, drop undeclared facts, and fail clearly. */
class SchemaAnswerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"b\":{\"type\":\"boolean\"},"
      + "\"n\":{\"type\":\"number\",\"minimum\":0,\"maximum\":100},\"k\":{\"enum\":[\"x\",\"y\"]},"
      + "\"l\":{\"type\":\"array\",\"maxItems\":2,\"items\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":3}}},"
      + "\"required\":[\"b\"]}";

  @Test
  void writesDeclaredFieldsInSchemaOrderAndDropsTheRest() {
    ObjectNode facts = JSON.createObjectNode().put("extra", "dropped").put("k", "y").put("n", 2.50).put("b", true);
    facts.putArray("l").add(1).add(3);
    assertEquals("{\"b\":true,\"n\":2.5,\"k\":\"y\",\"l\":[1,3]}", new SchemaAnswer(SCHEMA).write(facts));
  }

  @Test
  void missingOrOutOfRangeFactsNameTheirPath() {
    SchemaAnswer s = new SchemaAnswer(SCHEMA);
    ObjectNode missing = JSON.createObjectNode().put("b", true).put("n", 1).put("k", "x");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> s.write(missing)).getMessage().startsWith("$.l"));
    ObjectNode badEnum = missing.deepCopy().put("k", "z");
    badEnum.putArray("l");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> s.write(badEnum)).getMessage().startsWith("$.k"));
    ObjectNode tooMany = missing.deepCopy();
    tooMany.putArray("l").add(1).add(2).add(3);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> s.write(tooMany)).getMessage().contains("3 items"));
    ObjectNode tooFar = missing.deepCopy().put("n", 101);
    tooFar.putArray("l");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> s.write(tooFar)).getMessage().startsWith("$.n"));
  }
}
