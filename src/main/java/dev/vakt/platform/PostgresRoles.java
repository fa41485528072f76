package dev.vakt.platform;

import static dev.vakt.platform.PostgresSecrets.APP;
import static dev.vakt.platform.PostgresSecrets.OWNER;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.postgresql.PGConnection;

/**
 * The roles of the embedded PostgreSQL (ADR 0016). The superuser {@code postgres} only sets up; the
 * owner role owns the schema and runs Flyway; the application role reads and writes rows and
 * nothing more: it cannot create roles, disable or drop triggers, alter tables or run {@code COPY
 * ... FROM PROGRAM}, and on the append-only tables (audit log, ledgers) it may only SELECT and
 * INSERT, so the append-only triggers are no longer the only guard (F3).
 */
final class PostgresRoles {

  private PostgresRoles() {}

  /**
   * As the superuser: creates the owner and application roles (or resets their passwords), hands
   * every object of schema {@code public} that the superuser owns to the owner role (data
   * directories made before ADR 0016 had everything owned by {@code postgres}), and sets the
   * default privileges for the tables the owner creates later.
   */
  static void setUp(Connection superuser, PostgresSecrets secrets) throws SQLException {
    try (Statement sql = superuser.createStatement()) {
      for (String role : new String[] {OWNER, APP}) {
        sql.execute(
            "do $$ begin if not exists (select from pg_roles where rolname = '"
                + role
                + "') then create role "
                + role
                + " login; end if; end $$");
        sql.execute(
            "alter role "
                + role
                + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
        // Hashed here and sent as a SCRAM verifier: the password itself never reaches the server,
        // so it cannot end up in PostgreSQL's log.
        superuser
            .unwrap(PGConnection.class)
            .alterUserPassword(
                role,
                (role.equals(OWNER) ? secrets.owner() : secrets.app()).toCharArray(),
                "scram-sha-256");
      }
      sql.execute("revoke create on schema public from public");
      sql.execute("grant usage, create on schema public to " + OWNER);
      sql.execute("grant usage on schema public to " + APP);
      sql.execute(
          """
          do $$ declare r record; begin
            for r in select c.oid::regclass as name, c.relkind from pg_class c
                join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
                  and pg_get_userbyid(c.relowner) = 'postgres'
                  -- sequences owned by a column move with their table
                  and not (c.relkind = 'S' and exists (select from pg_depend d
                       where d.objid = c.oid and d.deptype in ('a', 'i')))
            loop
              execute format(case r.relkind when 'S' then 'alter sequence %s owner to vakt_owner'
                                            when 'v' then 'alter view %s owner to vakt_owner'
                                            when 'm' then 'alter materialized view %s owner to vakt_owner'
                                            else 'alter table %s owner to vakt_owner' end, r.name);
            end loop;
            for r in select p.oid::regprocedure as name from pg_proc p
                join pg_namespace n on n.oid = p.pronamespace
                where n.nspname = 'public' and pg_get_userbyid(p.proowner) = 'postgres'
            loop
              execute format('alter routine %s owner to vakt_owner', r.name);
            end loop;
          end $$""");
      sql.execute(
          "alter default privileges for role "
              + OWNER
              + " in schema public grant select, insert, update, delete on tables to "
              + APP);
      sql.execute(
          "alter default privileges for role "
              + OWNER
              + " in schema public grant usage, select on sequences to "
              + APP);
    }
  }

  /**
   * After every Flyway migration, as the owner: the application role may read and write every
   * table, but only SELECT and INSERT on the append-only ones (those with a {@code
   * vakt_append_only} trigger) and only SELECT on Flyway's history.
   */
  static final class AppPrivileges implements Callback {

    @Override
    public boolean supports(Event event, Context context) {
      return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
      return true;
    }

    @Override
    public void handle(Event event, Context context) {
      try (Statement sql = context.getConnection().createStatement()) {
        sql.execute(
            "grant select, insert, update, delete on all tables in schema public to " + APP);
        sql.execute("grant usage, select on all sequences in schema public to " + APP);
        sql.execute(
            """
            do $$ declare r record; begin
              for r in select distinct t.tgrelid::regclass as name from pg_trigger t
                  join pg_proc p on p.oid = t.tgfoid where p.proname = 'vakt_append_only'
              loop
                execute format('revoke update, delete, truncate on %s from vakt_app', r.name);
              end loop;
              if to_regclass('flyway_schema_history') is not null then
                revoke insert, update, delete, truncate on flyway_schema_history from vakt_app;
              end if;
            end $$""");
      } catch (SQLException e) {
        throw new IllegalStateException("Could not set the application role's privileges", e);
      }
    }

    @Override
    public String getCallbackName() {
      return "vakt-app-privileges";
    }
  }
}
