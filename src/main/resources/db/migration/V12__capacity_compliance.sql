-- The N-1 capacity rule over time (MNT-8, SLA-9). capacity_verdict holds each cluster's verdict
-- whenever it changes; capacity_shortage holds the capacity non-compliance periods Vakt derived
-- from it and from the nodes' resource checks, each also recorded in the customer's SLA ledger
-- under ref 'capacity:<cluster>:<epoch second of its start>'.
create table capacity_verdict (
  seq                        bigserial   primary key,
  cluster_id                 text        not null,
  at                         timestamptz not null,
  verdict                    text        not null
                             check (verdict in ('ok', 'local-guests', 'shortfall', 'unknown')),
  customer_responsibility    boolean     not null,
  detail                     text        not null
);
create index capacity_verdict_cluster on capacity_verdict (cluster_id, at);
create trigger capacity_verdict_append_only before update or delete on capacity_verdict
  for each row execute function vakt_append_only();

create table capacity_shortage (
  cluster_id   text        not null,
  customer_id  text        not null,
  ref          text        primary key,
  starts_at    timestamptz not null,
  ends_at      timestamptz,
  withdrawn    boolean     not null default false
);
create index capacity_shortage_cluster on capacity_shortage (cluster_id, starts_at);
