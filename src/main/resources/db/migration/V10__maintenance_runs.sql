-- Maintenance runs (MNT-4, MNT-7, MNT-12): a rolling maintenance of a Proxmox VE cluster, or the
-- restart of one guest, with each step as it happened. Written as the run goes, so it survives a
-- crash: a run still 'running' whose owner is not the current Vakt process was cut off and is
-- marked 'interrupted' at start-up, never resumed. Rows are kept (history and audit).
create table maintenance_run (
  id           bigserial   primary key,
  cluster_id   text        not null,   -- no foreign key: the history outlives the inventory entry
  customer_id  text        not null,
  kind         text        not null check (kind in ('ROLLING', 'RESTART')),
  state        text        not null check (state in ('RUNNING', 'SUCCEEDED', 'FAILED', 'INTERRUPTED')),
  reason       text        not null,
  requested_by text        not null,
  server_id    text,                   -- a restart's server
  owner        text        not null,   -- the Vakt process executing it (random per start)
  node_order   jsonb       not null,   -- the nodes in maintenance order
  started_at   timestamptz not null,
  ended_at     timestamptz,
  failure      jsonb                   -- failed or interrupted: step, reason, where now, advice
);
-- At most one run per cluster at a time, even when two requests race.
create unique index maintenance_run_one_per_cluster on maintenance_run (cluster_id)
  where state = 'RUNNING';
create index maintenance_run_by_cluster on maintenance_run (cluster_id, id);

create table maintenance_run_step (
  run_id      bigint      not null references maintenance_run (id),
  seq         integer     not null,
  kind        text        not null,
  node        text        not null,
  vmid        integer,
  description text        not null,
  plan        jsonb       not null,   -- the typed step as the dry run shows it
  state       text        not null
    check (state in ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'NOT_RUN', 'INTERRUPTED')),
  started_at  timestamptz,
  ended_at    timestamptz,
  upid        text,                   -- the Proxmox VE task the step started
  detail      text,                   -- what happened, or why it failed
  primary key (run_id, seq)
);
