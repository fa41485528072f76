-- Raw check results, kept for a configurable time (default 48 h), and hourly roll-ups kept long.
-- At 100,000 services a minute this is about 144 million rows a day: the table is partitioned by day,
-- so retention drops whole partitions instead of deleting rows. The default partition catches any
-- row whose day has no partition yet, so an insert never fails for lack of one.
create table check_result (
  service_id text        not null,
  at         timestamptz not null,
  state      text        not null,
  latency_ms bigint
) partition by range (at);
create table check_result_default partition of check_result default;
create index check_result_service_at on check_result (service_id, at);

create table check_rollup (
  service_id text        not null,
  hour       timestamptz not null,
  checks     integer     not null,
  failures   integer     not null,
  min_ms     bigint,
  avg_ms     numeric(12, 3),
  p95_ms     bigint,
  max_ms     bigint,
  primary key (service_id, hour)
);
