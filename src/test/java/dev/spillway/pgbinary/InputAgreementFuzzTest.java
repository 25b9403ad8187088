package dev.spillway.pgbinary;

import static org.junit.jupiter.api.Assertions.fail;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our text input agrees with the server's on random strings stitched from each type's tokens:
 * whatever the server refuses we refuse, and what we both accept we render as it does. Whatever
 * the server accepts we accept too, except for the date/time types, where we take the ISO 8601
 * forms only (the server's lexer also takes things like {@code 02epoch} or {@code 1200} as a
 * time); those refusals are counted, not failed. One batch per type.
 */
@ExtendWith(PgExtension.class)
class InputAgreementFuzzTest {
  private static final int STRINGS_PER_TYPE = 500;
  /** Types whose input we accept only in the documented ISO subset of the server's forms. */
  private static final Set<String> SUBSET = Set.of("date", "time", "timestamp", "timestamptz");

  private static final Map<String, List<String>> SOUPS = Map.ofEntries(
      Map.entry("boolean", List.of("t", "f", "tr", "true", "TRUE", "yes", "y", "n", "no", "on", "off", "of", "o", "1",
          "0", "2", " ", "x", "e")),
      Map.entry("integer", List.of("0", "1", "-", "+", " ", "9", "2147483647", "2147483648", "00", "e", "x", ".", "\t")),
      Map.entry("bigint", List.of("0", "1", "-", "+", " ", "9223372036854775807", "9223372036854775808", "00", "x")),
      Map.entry("numeric", List.of("0", "1", "9", ".", "-", "+", "e", "E", "5", "NaN", "inf", "Infinity", " ", "00",
          "e131072", "e-16383", "e-16384", "1234567890", "x")),
      Map.entry("numeric(4,2)", List.of("0", "1", "9", ".", "-", "5", "99", "995", "e", "2", "NaN", "inf", " ")),
      Map.entry("double precision", List.of("0", "1", "9", ".", "-", "+", "e", "E", "5", "nan", "NaN", "inf",
          "infinity", "Infinity", " ", "e-400", "e308", "e309", "7976931348623157", "x", "e-324")),
      Map.entry("real", List.of("0", "1", "9", ".", "-", "+", "e", "5", "nan", "inf", " ", "e38", "e39", "e-45",
          "e-46", "4028235", "x")),
      Map.entry("date", List.of("2024", "-", "01", "1", "02", "29", "13", "BC", "AD", " ", "T", "03:04", "+02", "Z",
          "epoch", "infinity", "-infinity", "0000", "5874897", "12-31", "4714", "11-24", "20240229", ":")),
      Map.entry("time", List.of("12", ":", "00", "60", "24", "59", "61", ".", "5", "9999999", "+02", " ", "allballs",
          "T", "2024-01-02", "-")),
      Map.entry("timestamp", List.of("2024-01-02", "0044-03-15", "294276-12-31", "294277-01-01", " ", "T", "12:34",
          ":56", ".789", "24:00", "23:59:60", "BC", "AD", "+05:30", "-15:59:59", "+16", "Z", "UTC", "epoch",
          "infinity", "x", "00:00")),
      Map.entry("timestamptz", List.of("2024-01-02", "4714-11-24", "294276-12-31", " ", "T", "12:34", ":56", ".5",
          "23:59:59.999999", "BC", "+05:30", "-01", "+0530", "+15:59:59", "+16", "Z", "GMT", "infinity", "00:00",
          "Europe/Paris", "america/new_york", "PST", "cet", "MSK", "Etc/GMT-14", "Japan", "Mars/X")),
      Map.entry("interval", List.of("1", "-1", "+2", "1.5", "-0.5", ".5", " ", "day", "days", "hour", "mins", "mon",
          "year", "y", "ago", "@", "02:03", "1:2:3.5", "-04:05:06", "1-2", "week", "ms", "us", "decade", "2147483648",
          "seconds", "P1Y", "PT1H", "P1.5D", "T", "h", "m", "s", "centuries", "millisecond", "microseconds", "P", "Y", "M",
          "D", "H", "S", "W", "00010203", "040506", ":", "0001-02", "-03", "1d", "+")),
      Map.entry("inet", List.of("1", "2", "255", "256", ".", ":", "::", "/", "24", "33", "ffff", "0", "1.2.3.4",
          "abcd", "g", "128", "8")),
      Map.entry("uuid", List.of("a0eebc99", "-", "9c0b", "4ef8", "{", "}", "bb6d6bb9bd380a11", "0", "ff", "A0EEBC99",
          "9c0b4ef8bb6d6bb9bd380a11")),
      Map.entry("bytea", List.of("\\x", "\\", "0", "1", "a", "f", "g", " ", "\\\\", "\\001", "\\400", "x", "\\377",
          "é")),
      Map.entry("text[]", List.of("{", "}", ",", "\"", "\\", "a", "b c", "NULL", " ", "{}", "null", "é")),
      Map.entry("integer[]", List.of("{", "}", ",", "1", "-", "NULL", " ", "\"", "2147483648", "x")),
      Map.entry("varchar(3)", List.of("a", " ", "é", "🎉", "abc")),
      Map.entry("char(3)", List.of("a", " ", "é", "🎉", "abc")),
      Map.entry("json", List.of("{", "}", "[", "]", ":", ",", "\"a\"", "\"\\u0000\"", "1", "-0", "1e2", "true", "nul",
          " ", "\"\\ud83d\"", "0.5", "01", "\"\\t\"", "null")),
      Map.entry("jsonb", List.of("{", "}", "[", "]", ":", ",", "\"a\"", "\"b\"", "\"\\u0000\"", "1", "-0", "1.50",
          "1e2", "true", " ", "\"\\ud83d\\ude00\"", "\"\\ude00\"", "\"é\"", "null", "\"\\u00e9\"")));

  /** A mostly well-formed input of the type, or null where the soup alone does well enough. */
  private static String structured(String type, Random r) {
    String date = (r.nextInt(4) == 0 ? String.valueOf(r.nextInt(300000)) : String.format("%04d", 1 + r.nextInt(2100)))
        + "-" + r.nextInt(14) + "-" + String.format("%02d", r.nextInt(33));
    String time = r.nextInt(26) + ":" + String.format("%02d", r.nextInt(61))
        + (r.nextBoolean() ? ":" + String.format("%02d", r.nextInt(62)) + (r.nextBoolean() ? "." + r.nextInt(10_000_000) : "") : "");
    String zone = new String[] {"", "", "+02", "-05:30", "Z", " UTC", "+15:59", "-16", "+0530", " +01:02:03"}[r.nextInt(10)];
    String era = new String[] {"", "", "", " BC", " AD"}[r.nextInt(5)];
    return switch (type) {
      case "date" -> date + (r.nextInt(4) == 0 ? " " + time : "") + era;
      case "time" -> (r.nextInt(5) == 0 ? date + " " : "") + time + zone;
      case "timestamp", "timestamptz" -> date + (r.nextBoolean() ? "T" : " ") + time + zone + era;
      case "uuid" -> {
        StringBuilder u = new StringBuilder();
        for (int i = 0; i < 32; i++) {
          u.append("0123456789abcdefABCDEF".charAt(r.nextInt(22)));
          if (i % 4 == 3 && i < 31 && r.nextInt(3) == 0) {
            u.append('-');
          }
        }
        yield r.nextInt(4) == 0 ? "{" + u + "}" : u.toString();
      }
      case "integer[]", "text[]" -> {
        List<String> soup = SOUPS.get(type.equals("text[]") ? "text[]" : "integer");
        StringBuilder a = new StringBuilder(r.nextBoolean() ? "{" : " { ");
        for (int i = r.nextInt(5); i > 0; i--) {
          a.append(soup.get(r.nextInt(soup.size()))).append(i > 1 ? (r.nextBoolean() ? "," : " , ") : "");
        }
        yield a.append(r.nextBoolean() ? "}" : " } ").toString();
      }
      default -> null;
    };
  }

  private static String mutate(String s, List<String> soup, Random r) {
    int at = r.nextInt(s.length() + 1);
    return switch (r.nextInt(3)) {
      case 0 -> at < s.length() ? s.substring(0, at) + s.substring(at + 1) : s + " ";
      case 1 -> s.substring(0, at) + soup.get(r.nextInt(soup.size())) + s.substring(at);
      default -> at < s.length() ? s.substring(0, at) + s.charAt(at) + s.substring(at) : s + s;
    };
  }

  static Stream<Arguments> types() {
    return SOUPS.keySet().stream().sorted().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void randomInputIsTakenOrRefusedLikeTheServerDoes(String sqlType, TestDatabase db) throws Exception {
    Codec codec = CodecRegistry.standard().codecFor(ColumnType.parse(sqlType));
    Random random = new Random(sqlType.hashCode());
    List<String> soup = SOUPS.get(sqlType);
    Set<String> inputs = new LinkedHashSet<>();
    for (int attempt = 0; inputs.size() < STRINGS_PER_TYPE && attempt < 20 * STRINGS_PER_TYPE; attempt++) {
      String structured = random.nextBoolean() ? structured(sqlType, random) : null;
      if (structured == null) {
        StringBuilder s = new StringBuilder();
        for (int n = 1 + random.nextInt(5); n > 0; n--) {
          s.append(soup.get(random.nextInt(soup.size())));
        }
        inputs.add(s.toString());
      } else {
        inputs.add(random.nextInt(3) == 0 ? mutate(structured, soup, random) : structured);
      }
    }
    List<String> list = new ArrayList<>(inputs);
    String[] serverErrors = new String[list.size()];
    List<String[]> serverText;
    try (ServerCopy server = new ServerCopy(db.connect()); Connection c = db.connect()) {
      server.execute("CREATE TABLE t (id int PRIMARY KEY, v " + sqlType + ")");
      server.execute("CREATE FUNCTION try_all(vals text[]) RETURNS TABLE(n int, err text) LANGUAGE plpgsql AS $$ "
          + "BEGIN FOR k IN 1 .. coalesce(array_length(vals, 1), 0) LOOP BEGIN "
          + "EXECUTE format('INSERT INTO t VALUES (%s, %L)', k, vals[k]); n := k; err := NULL; "
          + "EXCEPTION WHEN others THEN n := k; err := SQLERRM; END; RETURN NEXT; END LOOP; END $$");
      try (PreparedStatement p = c.prepareStatement("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; "
          + "SET IntervalStyle = 'postgres'")) {
        p.execute();
      }
      try (PreparedStatement p = c.prepareStatement("SELECT n, err FROM try_all(?)")) {
        Array array = c.createArrayOf("text", list.toArray());
        p.setArray(1, array);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            serverErrors[rs.getInt(1) - 1] = rs.getString(2);
          }
        }
      }
      serverText = server.textRows("SELECT id, v FROM t ORDER BY id");
    }
    String[] serverOutput = new String[list.size()];
    for (String[] row : serverText) {
      serverOutput[Integer.parseInt(row[0]) - 1] = row[1];
    }
    List<String> failures = new ArrayList<>();
    int accepted = 0;
    for (int i = 0; i < list.size(); i++) {
      String input = list.get(i);
      String ours;
      try {
        ours = codec.format(codec.parse(input));
      } catch (InvalidValueException e) {
        ours = null;
        if (serverErrors[i] == null && !SUBSET.contains(sqlType)) {
          failures.add("'" + input + "': server takes it as '" + serverOutput[i] + "', we refuse: " + e.reason());
        }
        continue;
      }
      if (serverErrors[i] != null) {
        failures.add("'" + input + "': server refuses (" + serverErrors[i] + "), we take it as '" + ours + "'");
      } else if (!ours.equals(serverOutput[i])) {
        failures.add("'" + input + "': server '" + serverOutput[i] + "', ours '" + ours + "'");
      } else {
        accepted++;
      }
    }
    System.out.printf("%s: %d inputs, %d accepted by both%n", sqlType, list.size(), accepted);
    if (!failures.isEmpty()) {
      fail(sqlType + ": " + failures.size() + " disagreements (" + accepted + " agreed acceptances)\n  "
          + String.join("\n  ", failures.subList(0, Math.min(40, failures.size()))));
    }
  }
}
