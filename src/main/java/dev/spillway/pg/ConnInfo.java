package dev.spillway.pg;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code --url} said explicitly: libpq keyword values (multiple hosts and ports as libpq
 * keeps them, comma-separated) and, from a {@code jdbc:} URL only, pgjdbc properties spillway passes
 * through untouched. Mutable while a parser fills it; the resolver copies it.
 */
final class ConnInfo {
  /** Keyword -> value; a later set() of the same keyword overrides (libpq semantics). */
  private final EnumMap<Keyword, String> values = new EnumMap<>(Keyword.class);
  /** pgjdbc property name -> value, in URL order. */
  private final Map<String, String> driverProperties = new LinkedHashMap<>();

  void set(Keyword k, String value) {
    values.put(k, value);
  }

  void setDriverProperty(String name, String value) {
    driverProperties.put(name, value);
  }

  Optional<String> get(Keyword k) {
    return Optional.ofNullable(values.get(k));
  }

  Map<Keyword, String> values() {
    return new EnumMap<>(values);
  }

  Map<String, String> driverProperties() {
    return new LinkedHashMap<>(driverProperties);
  }
}
