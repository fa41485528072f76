-- Issue 32, item 4: a service's next check is kept with its status, so a restart continues a
-- failure's confirmation on time (attempt counts were already kept) instead of starting over.
alter table service_status add column next_check_at timestamptz;

-- Issue 32, item 1: one incident, one message. Services that go down are held for a few seconds
-- (vakt.alerting.incidents.hold) so those failing together, and their parent's verdict, are told
-- in one message. A held row is durable: a crash during the hold loses nothing.
create table held_outage (
  service_id  text        primary key,
  customer_id text        not null,
  group_key   text        not null,   -- the server, or the topmost failing parent's server
  at          timestamptz not null,   -- when the service went hard down
  flapping    boolean     not null,
  held_at     timestamptz not null,
  release_at  timestamptz not null
);
create index held_outage_release on held_outage (release_at);

-- The group an incident belongs to: later failures of the same group join the open incident.
alter table service_incident add column group_key text;
create index service_incident_group_open on service_incident (group_key) where closed_at is null;
