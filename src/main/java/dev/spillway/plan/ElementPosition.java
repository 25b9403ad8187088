package dev.spillway.plan;

/**
 * The 1-based position of the current for_each element of one bound emit: the value of {@code $#}.
 * Stage one sets it before building each element's row ({@link #at}); the compiled {@code $#}
 * values of that emit read it. One per bound emit with for_each, made at bind time; mutable and
 * single-threaded, like the row array it helps fill.
 */
public final class ElementPosition {
  /** the current element's position, 1-based; 0 before the first element. */
  private int position;

  /** Sets the position of the element whose row is built next. */
  public void at(int newPosition) {
    position = newPosition;
  }

  int get() {
    return position;
  }
}
