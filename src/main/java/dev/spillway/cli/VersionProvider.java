package dev.spillway.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest (or "dev" when run from classes). */
final class VersionProvider implements IVersionProvider {
  static String version() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"spillway " + version(), "Java " + Runtime.version()};
  }
}
