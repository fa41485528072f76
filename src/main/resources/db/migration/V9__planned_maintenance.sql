-- Planned maintenance (MNT-1 to MNT-3, MNT-11, SLA-3). The SLA ledger holds the period itself
-- (sla_record, ref 'maintenance:<id>'); this table holds the plan as staff and customers see it:
-- what, when, which services of which customers, how each contract judged it, and any override.
create table planned_maintenance (
  id               text        primary key,
  title            text        not null,
  description      text,
  purpose          text,
  starts_at        timestamptz not null,
  ends_at          timestamptz not null,
  reference        text,
  assignee         text,
  services         jsonb       not null,  -- {"customer": ["service", ...], ...}
  checks           jsonb       not null,  -- [ContractCheck, ...] when it was planned
  override_reason  text,
  state            text        not null check (state in ('planned', 'cancelled')),
  cancel_reason    text,
  created_at       timestamptz not null,
  created_by       text        not null,
  changed_at       timestamptz not null,
  check (ends_at > starts_at)
);
create index planned_maintenance_starts on planned_maintenance (starts_at);
create index planned_maintenance_assignee on planned_maintenance (assignee, starts_at);
create index planned_maintenance_customers on planned_maintenance using gin (services);
