package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlTypeNameTest {
  @ParameterizedTest
  @ValueSource(strings = {"bigint", "varchar(10)", "numeric(12, 2)", "timestamp(3) with time zone", "text[]",
      "double precision", "character varying(255)", "int4[3]", "public.my_type", "interval year to month", "bit varying(8)"})
  void acceptsTypeNames(String type) {
    assertEquals(type, SqlTypeName.check(type));
  }

  @ParameterizedTest
  @ValueSource(strings = {"int; drop table x", "text default 'x'", "int -- comment", "int /* c */", "text collate \"C\"",
      "bigint references other", "int check (1 = 1)", "int generated always as identity", "int not null",
      "varchar(a)", "numeric((1))", "int)", "(int", "int[", "", " ", "1int", "a..b", "int primary key", "text\u0000"})
  void rejectsAnythingThatCouldCarrySql(String type) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqlTypeName.check(type));
    assertTrue(e.getMessage().contains("type"), e.getMessage());
  }
}
