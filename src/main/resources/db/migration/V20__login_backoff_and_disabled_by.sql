-- Issue 16 (F9, F16; ADR 0017).
-- Failed logins per account and client address: each further failure after a few free ones makes
-- that address wait an exponentially growing, capped delay before it may try that account again.
-- Another address is never held back, so nobody can lock another person out. Kept in PostgreSQL so
-- a restart does not reset it. Replaces the per-account hard lock (failed_attempts, locked_until,
-- left in place but no longer written).
create table login_failure (
  username      text        not null,
  address       text        not null,
  failures      integer     not null,
  last_failure  timestamptz not null,
  blocked_until timestamptz not null,
  primary key (username, address)
);

create index login_failure_last on login_failure (last_failure);

-- Who disabled an account: 'staff' or 'customer'. A customer admin may not enable again what the
-- provider's staff disabled.
alter table account add column disabled_by text check (disabled_by in ('staff', 'customer'));
update account set disabled_by = 'staff' where disabled;
