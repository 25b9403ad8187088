package dev.spillway.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The sections of {@code --help} that spillway renders itself, so that text breaks only at spaces
 * (picocli's line breaking also splits {@code .pgcopy.zst} and URLs) and option values read
 * {@code -o FILE}: the synopsis (required options and parameters; the rest as {@code [OPTIONS]}),
 * the description (each entry one paragraph; an indented entry is kept as it is) and the parameter and option lists (name column, then
 * the description wrapped beside it). Stateless.
 */
final class HelpText {
  /** Widest name column before descriptions move to the next line. */
  static final int MAX_NAME_COLUMN = 26;

  private HelpText() {}

  static String synopsis(Help help) {
    CommandSpec spec = help.commandSpec();
    StringBuilder s = new StringBuilder(spec.qualifiedName()).append(" [OPTIONS]");
    for (OptionSpec o : spec.options()) {
      if (o.required() && !o.hidden() && o.group() == null) {
        s.append(' ').append(o.longestName()).append(label(o));
      }
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      s.append(' ').append(p.paramLabel());
    }
    if (!spec.subcommands().isEmpty()) {
      s.append(" COMMAND [ARGS]");
    }
    int heading = "Usage: ".length(); // picocli's synopsis heading precedes this
    return wrap(s.toString(), width(help) - heading, "", " ".repeat(heading + 2)) + "\n";
  }

  static String description(Help help) {
    StringBuilder out = new StringBuilder();
    for (String paragraph : help.commandSpec().usageMessage().description()) {
      if (paragraph.isEmpty() || paragraph.startsWith(" ")) {
        out.append(paragraph).append('\n'); // an indented line is laid out already (the root's command list)
      } else {
        out.append(wrap(paragraph, width(help), "", "")).append('\n');
      }
    }
    return out.toString();
  }

  static String parameters(Help help) {
    return table(parameterRows(help.commandSpec()), column(help.commandSpec()), width(help));
  }

  static String options(Help help) {
    return table(optionRows(help.commandSpec()), column(help.commandSpec()), width(help));
  }

  /** Each subcommand with the first paragraph of its description. */
  static String commands(Help help) {
    List<String[]> rows = new ArrayList<>();
    int column = 8;
    for (var e : help.commandSpec().subcommands().entrySet()) {
      String[] description = e.getValue().getCommandSpec().usageMessage().description();
      rows.add(new String[] {"  " + e.getKey(), description.length == 0 ? "" : description[0]});
      column = Math.max(column, e.getKey().length() + 4);
    }
    return table(rows, column, width(help));
  }

  private static List<String[]> parameterRows(CommandSpec spec) {
    List<String[]> rows = new ArrayList<>();
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        rows.add(new String[] {"      " + p.paramLabel(), String.join(" ", p.description())});
      }
    }
    return rows;
  }

  private static List<String[]> optionRows(CommandSpec spec) {
    List<OptionSpec> options = new ArrayList<>(spec.options());
    options.removeIf(OptionSpec::hidden);
    options.sort(Comparator.comparing(HelpText::sortKey));
    List<String[]> rows = new ArrayList<>();
    for (OptionSpec o : options) {
      rows.add(new String[] {names(o), String.join(" ", o.description())});
    }
    return rows;
  }

  /** The description column of both lists: after the widest name that is not too wide. */
  private static int column(CommandSpec spec) {
    List<String[]> all = new ArrayList<>(parameterRows(spec));
    all.addAll(optionRows(spec));
    int column = 8;
    for (String[] r : all) {
      if (r[0].length() + 2 <= MAX_NAME_COLUMN) {
        column = Math.max(column, r[0].length() + 2);
      }
    }
    return column;
  }

  /** {@code -o, --output FILE}; a negatable option as {@code --[no-]progress}. */
  private static String names(OptionSpec o) {
    String shortName = null;
    String longName = null;
    for (String n : o.names()) {
      if (n.startsWith("--")) {
        longName = longName == null ? n : longName;
      } else {
        shortName = shortName == null ? n : shortName;
      }
    }
    if (o.negatable() && longName != null) {
      longName = "--[no-]" + longName.substring(2);
    }
    String names = (shortName == null ? "    " : shortName + (longName == null ? "" : ", ")) + (longName == null ? "" : longName);
    return "  " + names + label(o);
  }

  private static String label(OptionSpec o) {
    return o.typeInfo().isBoolean() || o.arity().max() == 0 ? "" : " " + o.paramLabel();
  }

  private static String sortKey(OptionSpec o) {
    String n = o.shortestName().replaceFirst("^-+", "");
    return n.toLowerCase(Locale.ROOT) + (Character.isUpperCase(n.isEmpty() ? 'a' : n.charAt(0)) ? "1" : "0");
  }

  /** Rows of name and description: the description wrapped in a column beside the names. */
  private static String table(List<String[]> rows, int column, int width) {
    StringBuilder out = new StringBuilder();
    String indent = " ".repeat(column + 2);
    for (String[] r : rows) {
      if (r[0].length() + 2 <= column) {
        String first = r[0] + " ".repeat(column - r[0].length());
        out.append(wrap(r[1], width - column, first, indent));
      } else {
        out.append(r[0]).append('\n').append(wrap(r[1], width - column, " ".repeat(column), indent));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * Wraps {@code text} at spaces into lines of at most {@code width} characters after the prefix:
   * {@code first} before the first line, {@code rest} before the others (continuation lines get
   * two characters less room when {@code rest} is longer than {@code first}). A word longer than a
   * line stands on a line of its own, unbroken.
   */
  static String wrap(String text, int width, String first, String rest) {
    int total = first.length() + width;
    StringBuilder out = new StringBuilder(first);
    int lineStart = 0;
    boolean empty = true;
    for (String word : text.trim().split(" +")) {
      int lineLength = out.length() - lineStart;
      if (!empty && lineLength + 1 + word.length() > total) {
        out.append('\n');
        lineStart = out.length();
        out.append(rest);
        empty = true;
      }
      if (!empty) {
        out.append(' ');
      }
      out.append(word);
      empty = false;
    }
    return out.toString();
  }

  private static int width(Help help) {
    return help.commandSpec().usageMessage().width();
  }
}
