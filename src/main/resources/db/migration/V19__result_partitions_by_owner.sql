-- ADR 0016: the application's database role may not create or drop tables. The day partitions of
-- check_result are made and dropped through these two functions, which run with the rights of the
-- schema's owner (security definer) and take nothing but a date, so no other table can be touched.
create function vakt_create_result_partition(day date) returns void
  language plpgsql security definer set search_path = public, pg_temp as $$
begin
  execute format('create table if not exists %I partition of check_result for values from (%L) to (%L)',
                 'check_result_' || to_char(day, 'YYYYMMDD'), day, day + 1);
end $$;

create function vakt_drop_result_partition(day date) returns void
  language plpgsql security definer set search_path = public, pg_temp as $$
begin
  execute format('drop table if exists %I', 'check_result_' || to_char(day, 'YYYYMMDD'));
end $$;
