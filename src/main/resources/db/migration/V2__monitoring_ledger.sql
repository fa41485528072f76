-- The monitoring ledger: every hard state change (what outages and the SLA are computed from), the
-- current status of each service, the engine's heartbeat, and the periods it was not operating.

-- MON-7, SLA-1: append-only, one row per hard state change.
create table state_change (
  seq         bigserial   primary key,
  service_id  text        not null,
  at          timestamptz not null,
  from_state  text        check (from_state in ('ok', 'warning', 'critical', 'unknown')),
  to_state    text        not null check (to_state in ('ok', 'warning', 'critical', 'unknown')),
  reason      text        not null,
  latency_ms  bigint
);
create index state_change_service_at on state_change (service_id, at);
create trigger state_change_append_only before update or delete on state_change
  for each row execute function vakt_append_only();

-- The latest known status per service, replaced on every result.
create table service_status (
  service_id      text        primary key,
  hard            text,
  hard_since      timestamptz,
  current         text,
  attempt         integer     not null default 0,
  flapping        boolean     not null default false,
  last_check_at   timestamptz,
  last_reason     text,
  last_latency_ms bigint,
  metrics         jsonb
);

-- MON-9: the engine proves it was running.
create table monitor_heartbeat (
  id    smallint    primary key check (id = 1),
  at    timestamptz not null,
  node  text        not null
);

-- MON-9, SLA-11: periods in which monitoring did not operate, for every service. Append-only.
create table monitoring_gap (
  seq         bigserial   primary key,
  from_at     timestamptz not null,
  to_at       timestamptz not null check (to_at > from_at),
  reason      text        not null,
  detected_at timestamptz not null
);
create trigger monitoring_gap_append_only before update or delete on monitoring_gap
  for each row execute function vakt_append_only();
