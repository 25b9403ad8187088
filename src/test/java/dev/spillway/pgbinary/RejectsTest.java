package dev.spillway.pgbinary;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid input is refused with its reason (no server involved; see ServerRejectsAgreementTest). */
class RejectsTest {
  private final CodecRegistry registry = CodecRegistry.standard();

  static Stream<RejectValues.Case> cases() {
    return Stream.of(RejectValues.SERVER_AGREES, RejectValues.STRICTER_THAN_SERVER, RejectValues.UNSENDABLE)
        .flatMap(java.util.List::stream);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusesWithItsReason(RejectValues.Case c) {
    Codec codec = registry.codecFor(ColumnType.parse(c.type()));
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> codec.parse(c.input()),
        () -> "accepted " + c);
    assertTrue(e.reason().startsWith(c.reason()), () -> c + ": reason '" + e.reason() + "', expected '" + c.reason() + "'");
  }
}
