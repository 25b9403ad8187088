package dev.spillway.pg;

import java.util.Optional;

/**
 * What the command line said about the connection, as psql's options say it: {@code --url} (a
 * {@code postgresql://} URI, a {@code jdbc:postgresql:} URL or a keyword/value conninfo string),
 * {@code -h}, {@code -p}, {@code -U}, {@code -d} (a database name, or itself a URI or conninfo
 * string, as in psql) and a password typed at a {@code -W} prompt. Empty means "not given".
 * {@link ConnectionOptionsResolver} says what wins.
 *
 * @param url      {@code --url}
 * @param host     {@code -h/--host}: host name(s), comma-separated as libpq's {@code host}
 * @param port     {@code -p/--port}
 * @param user     {@code -U/--username}
 * @param dbname   {@code -d/--dbname}: a name, a URI or a conninfo string
 * @param password typed at the {@code -W/--password} prompt
 */
public record ConnectionFlags(Optional<String> url, Optional<String> host, Optional<String> port, Optional<String> user,
    Optional<String> dbname, Optional<Password> password) {

  public static final ConnectionFlags NONE = new ConnectionFlags(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty());

  /** Only a {@code --url} (null for none). */
  public static ConnectionFlags ofUrl(String url) {
    return NONE.withUrl(url);
  }

  public ConnectionFlags withUrl(String value) {
    return new ConnectionFlags(nonEmpty(value), host, port, user, dbname, password);
  }

  public ConnectionFlags withHost(String value) {
    return new ConnectionFlags(url, nonEmpty(value), port, user, dbname, password);
  }

  public ConnectionFlags withPort(String value) {
    return new ConnectionFlags(url, host, nonEmpty(value), user, dbname, password);
  }

  public ConnectionFlags withUser(String value) {
    return new ConnectionFlags(url, host, port, nonEmpty(value), dbname, password);
  }

  public ConnectionFlags withDbname(String value) {
    return new ConnectionFlags(url, host, port, user, nonEmpty(value), password);
  }

  public ConnectionFlags withPassword(Password value) {
    return new ConnectionFlags(url, host, port, user, dbname, Optional.ofNullable(value));
  }

  /** As libpq: an empty value counts as not given. */
  private static Optional<String> nonEmpty(String s) {
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  @Override
  public String toString() {
    return "ConnectionFlags[url " + (url.isPresent() ? "given" : "none") + ", host " + host.orElse("-") + ", port "
        + port.orElse("-") + ", user " + user.orElse("-") + ", dbname " + (dbname.isPresent() ? "given" : "-")
        + ", password " + (password.isPresent() ? "typed" : "none") + "]";
  }
}
