package dev.spillway.pg;

/**
 * The role may not create or use the control schema. The message says exactly which privilege is
 * missing ({@code CREATE on database "x"}, {@code CREATE on schema "s"}, {@code USAGE on schema "s"},
 * {@code INSERT on table ...}), the GRANT that would fix it, and the alternative: pointing
 * {@code --control-schema} at a schema where the role has what it needs. Exit code 5.
 */
public final class ControlSchemaPrivilegeException extends PgException {
  /** The control schema that could not be set up. */
  private final String schema;
  /** The role that lacks the privilege. */
  private final String role;
  /** The missing privilege, e.g. {@code CREATE on database "test"}. */
  private final String missingPrivilege;

  public ControlSchemaPrivilegeException(String schema, String role, String missingPrivilege, String grant, Throwable cause) {
    super("role " + Identifiers.quote(role) + " cannot set up the control schema " + Identifiers.quote(schema)
        + ": it lacks " + missingPrivilege + ". Either grant it (" + grant + ") or pass --control-schema naming"
        + " a schema where the role has CREATE (or one an administrator prepared with the spillway control tables)",
        cause instanceof java.sql.SQLException sql ? sql.getSQLState() : "42501", cause);
    this.schema = schema;
    this.role = role;
    this.missingPrivilege = missingPrivilege;
  }

  public String schema() {
    return schema;
  }

  public String role() {
    return role;
  }

  public String missingPrivilege() {
    return missingPrivilege;
  }
}
