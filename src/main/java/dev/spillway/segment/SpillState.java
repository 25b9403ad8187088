package dev.spillway.segment;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A spill directory's state: {@code open} while stage one writes it, {@code complete} once it finished. */
public enum SpillState {
  OPEN,
  COMPLETE;

  /** The JSON spelling: {@code "open"} or {@code "complete"}. */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
