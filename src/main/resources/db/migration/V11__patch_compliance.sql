-- Patch compliance (MNT-4, MNT-5, MNT-6, MNT-9, MNT-10): what each scan of a server's pending updates
-- found, how long each update has been pending, and the postponements customers asked for.
-- No foreign keys to the inventory: a report of a past month must survive a server's removal.

-- Every scan, successful or not: a month's verdict is UNKNOWN when no scan succeeded near its end.
create table patch_scan (
  seq        bigserial   primary key,
  server_id  text        not null,
  at         timestamptz not null,
  source     text        check (source in ('ssh', 'proxmox-api')),
  ok         boolean     not null,
  packages   integer     not null default 0,
  error      text,
  check (ok = (error is null))
);
create index patch_scan_server_at on patch_scan (server_id, at);

-- One row per pending update of a package while its installed version stays the same: first seen
-- gives the update's age (at least: before Vakt's first scan nothing is known), resolved_at is set
-- by the first successful scan that no longer lists it (installed, or no longer offered).
create table patch_observation (
  id                bigserial   primary key,
  server_id         text        not null,
  package           text        not null,
  installed_version text,
  candidate_version text,
  origins           text[]      not null default '{}',
  release           text        not null default '',
  security          boolean     not null,
  kept_back         boolean     not null,
  source            text        not null check (source in ('ssh', 'proxmox-api')),
  first_seen        timestamptz not null,
  last_seen         timestamptz not null check (last_seen >= first_seen),
  resolved_at       timestamptz check (resolved_at >= last_seen)
);
-- At most one open observation per server and package.
create unique index patch_observation_open on patch_observation (server_id, package)
  where resolved_at is null;
create index patch_observation_server on patch_observation (server_id, first_seen);

-- MNT-6: a customer's request to postpone updates, the risk it accepts, and until when. Rows are
-- never deleted; ending one early sets ended_at (both changes are in the audit log too).
create table patch_postponement (
  id           bigserial   primary key,
  customer_id  text        not null,
  contract_id  text,
  servers      text[],                  -- null: every server of the customer
  reason       text        not null,
  risk         text        not null,
  requested_by text        not null,
  until        date        not null,    -- the last day it applies, in the contract's time zone
  ends_at      timestamptz not null,    -- the end of that day in that zone
  recorded_at  timestamptz not null,
  recorded_by  text        not null,
  ended_at     timestamptz,
  ended_by     text,
  end_reason   text,
  check (ends_at > recorded_at)
);
create index patch_postponement_customer on patch_postponement (customer_id);
