package cockpit.lm.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonSchemaGrammarTest {
  static final String PERCEPTION = """
      {"type":"object","properties":{"seats":{"type":"array","maxItems":5,"items":{"type":"object","properties":{
      "row":{"type":"integer","minimum":1,"maximum":3},"position":{"enum":["driver_side","middle","passenger_side"]},
      "occupant":{"enum":["empty","adult","child","infant_seat","pet"]},"belted":{"type":"boolean"},
      "confidence":{"type":"number"}},"required":["row","position","occupant"]}}},"required":["seats"]}""";

  @Test
  void perceptionSchemaAcceptsCompactDocumentsWithEveryPropertyInOrder() {
    JsonSchemaGrammar g = JsonSchemaGrammar.compile(PERCEPTION);
    assertTrue(g.accepts("{\"seats\":[]}"));
    assertTrue(g.accepts("{\"seats\":[{\"row\":1,\"position\":\"driver_side\",\"occupant\":\"adult\",\"belted\":true,"
        + "\"confidence\":0.93}]}"));
    assertFalse(g.accepts("{\"seats\":[{\"row\":1,\"position\":\"driver_side\",\"occupant\":\"adult\"}]}"),
        "optional properties are generated too");
    assertFalse(g.accepts("{\"seats\":[{\"row\":4,\"position\":\"middle\",\"occupant\":\"pet\",\"belted\":false,"
        + "\"confidence\":1}]}"), "row above maximum");
    assertFalse(g.accepts("{ \"seats\":[]}"), "no whitespace");
    assertFalse(g.accepts("{\"seats\":[]"), "incomplete");
    assertTrue(g.acceptsPrefix("{\"seats\":[{\"row\":2,\"position\":\"mid"));
  }

  @Test
  void mismatchNamesTheFirstByteOutsideTheGrammarOrTheEndOfAnIncompleteDocument() {
    JsonSchemaGrammar g = JsonSchemaGrammar.compile(PERCEPTION);
    assertEquals(-1, g.mismatch("{\"seats\":[]}"));
    assertEquals(1, g.mismatch("{ \"seats\":[]}"), "the space");
    assertEquals(17, g.mismatch("{\"seats\":[{\"row\":4,"), "row 4");
    assertEquals(11, g.mismatch("{\"seats\":[]"), "incomplete");
    assertEquals(0, g.mismatch("[]"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"type\":\"integer\",\"minimum\":-5,\"maximum\":120}|-5;0;7;99;120|-6;121;-0;01;1.0;+3;--1;-",
      "{\"type\":\"integer\"}|0;-1;999999999;-999999999|1000000000;00;-0;1e3",
      "{\"type\":\"number\",\"minimum\":0,\"maximum\":1}|0;1;0.5;0.999999;1.0;1.000000;0.000001|"
          + "1.000001;-0.1;.5;1.;0.1234567;-0",
      "{\"type\":\"number\"}|-0.5;-12.25;3;0.0|-0;-0.0;1e5;- 1",
      "{\"type\":\"number\",\"minimum\":-2.5,\"maximum\":-0.25}|-2.5;-1;-0.25;-0.3|-2.51;-0.2;0;-3",
      "{\"type\":\"string\",\"minLength\":1,\"maxLength\":3}|\"a\";\"a b\";\"~!#\"|\"\";\"abcd\";\"a\\\"\";abc",
      "{\"enum\":[\"on\",\"off\",1,12,null,true]}|\"on\";\"off\";1;12;null;true|\"o\";2;123;false",
      "{\"type\":\"array\",\"items\":{\"type\":\"boolean\"},\"minItems\":1,\"maxItems\":2}|[true];[false,true]|"
          + "[];[true,true,true];[true,]",
      "{\"type\":\"object\"}|{}|{\"a\":1}",
      "{\"const\":\"x\"}|\"x\"|\"y\""})
  void acceptsExactlyTheSubsetsDocuments(String schema, String good, String bad) {
    JsonSchemaGrammar g = JsonSchemaGrammar.compile(schema);
    for (String d : good.split(";")) {
      assertTrue(g.accepts(d), schema + " should accept " + d);
      assertTrue(d.length() <= g.maxBytes(), d + " longer than maxBytes " + g.maxBytes());
    }
    for (String d : bad.split(";")) {
      assertFalse(g.accepts(d), schema + " should reject " + d);
    }
    assertFalse(g.accepts(""), "the empty text is no document");
  }

  @Test
  void maxBytesBoundsTheLongestDocument() {
    assertEquals(2 + 64, JsonSchemaGrammar.compile("{\"type\":\"string\"}").maxBytes());
    assertEquals("[false,false]".length(),
        JsonSchemaGrammar.compile("{\"type\":\"array\",\"maxItems\":2,\"items\":{\"type\":\"boolean\"}}").maxBytes());
    assertEquals("-999999999".length(), JsonSchemaGrammar.compile("{\"type\":\"integer\"}").maxBytes());
    assertEquals("-999999999.999999".length(), JsonSchemaGrammar.compile("{\"type\":\"number\"}").maxBytes());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"type\":\"string\",\"pattern\":\"a+\"}|schema /: unsupported keyword 'pattern' for type string",
      "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"format\":\"date\"}}}|"
          + "schema /properties/a: unsupported keyword 'format'",
      "{\"anyOf\":[{\"type\":\"string\"}]}|schema /: a schema needs 'type', 'enum' or 'const'",
      "{\"type\":\"integer\",\"anyOf\":[]}|unsupported keyword 'anyOf'",
      "{\"type\":[\"string\",\"null\"]}|type lists are not supported",
      "{\"type\":\"date\"}|unsupported type 'date'",
      "{\"type\":\"array\"}|schema /: an array needs 'items'",
      "{\"type\":\"array\",\"items\":{\"$ref\":\"#/x\"}}|schema /items: a schema needs 'type'",
      "{\"type\":\"array\",\"items\":{\"type\":\"null\"},\"minItems\":3,\"maxItems\":2}|minItems 3 exceeds maxItems 2",
      "{\"type\":\"string\",\"maxLength\":-1}|'maxLength' must be a non-negative integer",
      "{\"type\":\"integer\",\"minimum\":5,\"maximum\":4}|no integer with at most 9 integer digits",
      "{\"type\":\"integer\",\"minimum\":1e12}|no integer with at most 9 integer digits",
      "{\"type\":\"object\",\"properties\":{},\"required\":[\"a\"]}|required property \"a\" is not declared",
      "{\"enum\":[]}|'enum' must be a non-empty array",
      "{\"enum\":[{\"a\":1}]}|enum/const values must be strings, numbers, booleans or null",
      "{\"type\":\"string\",\"enum\":[1]}|enum/const value 1 is not of type string",
      "{\"enum\":[\"a\"],\"maxLength\":3}|unsupported keyword 'maxLength' (next to enum/const only",
      "[1]|a schema must be a JSON object",
      "{\"type\":|the schema is not valid JSON"})
  void rejectsWhatItDoesNotSupportNamingTheKeyword(String schema, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonSchemaGrammar.compile(schema));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
