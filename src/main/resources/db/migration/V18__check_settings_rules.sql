-- Issue 16 (F1, F2, F18): a service's check names a plugin by file name (looked up in the
-- configured plugin directories), its database is a plain name, its query one statement of at most
-- 1000 characters. Stored services written under the old rules are brought under the new ones here,
-- so they still load: a command path becomes its file name (so /usr/lib/nagios/plugins/check_x is
-- check_x, and /bin/sh is "sh", which no plugin directory should hold: UNKNOWN "plugin not found"),
-- a database name loses the characters a name cannot have, a query of several statements is dropped
-- (the check is a login again). Each change is audited with the service before and after.
do $$
declare
  s record;
  c jsonb;
  command text;
  database text;
  query text;
begin
  for s in select id, customer_id, body from service where body -> 'check' is not null loop
    c := s.body -> 'check';
    command := c ->> 'command';
    if command is not null
        and (command !~ '^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}$' or command like '%..%') then
      command := regexp_replace(command, '^.*/', '');
      command := regexp_replace(command, '[^A-Za-z0-9_.+-]', '_', 'g');
      command := regexp_replace(command, '\.\.+', '_', 'g');
      if command !~ '^[A-Za-z0-9_]' then
        command := '_' || command;
      end if;
      c := jsonb_set(c, '{command}', to_jsonb(left(command, 128)));
    end if;
    database := c ->> 'database';
    if database is not null and database !~ '^[A-Za-z_][A-Za-z0-9_$-]{0,62}$' then
      database := regexp_replace(database, '[^A-Za-z0-9_$-]', '_', 'g');
      if database !~ '^[A-Za-z_]' then
        database := '_' || database;
      end if;
      c := jsonb_set(c, '{database}', to_jsonb(left(database, 63)));
    end if;
    query := c ->> 'query';
    if query is not null
        and (length(query) > 1000 or regexp_replace(query, ';\s*$', '') like '%;%') then
      c := c - 'query';
    end if;
    if c is distinct from s.body -> 'check' then
      update service set body = jsonb_set(body, '{check}', c), updated_at = now() where id = s.id;
      insert into audit_event (at, actor, action, entity, entity_id, customer_id, before, after)
        select now(), 'migration V18', 'update', 'service', s.id, s.customer_id, s.body, body
        from service where id = s.id;
    end if;
  end loop;
end
$$;
