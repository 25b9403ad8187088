package dev.spillway.pgbinary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ColumnTypeTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "int8|bigint", "BIGINT|bigint", "int|integer", "float8|double precision",
      "double  precision|double precision", "character varying(10)|varchar(10)", "varchar|varchar",
      "char|char(1)", "numeric(12, 2)|numeric(12,2)", "numeric(5)|numeric(5,0)", "numeric|numeric",
      "text[]|text[]", "int4 []|integer[]", "timestamp with time zone|timestamptz", "decimal(3,3)|numeric(3,3)"})
  void parsesAliasesToCanonicalNames(String input, String canonical) {
    assertEquals(canonical, ColumnType.parse(input).sqlName());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "strng", "integer(3)", "numeric(3,4)", "varchar(0)", "text[][]", "numeric(1001)", "varchar(1,2)", "bpchar", "BPCHAR []"})
  void rejectsBadNamesEchoingThem(String input) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColumnType.parse(input));
    assertTrue(e.getMessage().contains(input), e.getMessage());
  }
}
