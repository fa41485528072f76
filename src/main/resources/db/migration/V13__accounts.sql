-- Accounts, two-factor login and API tokens (issue 7, DPA-3, DPA-4; ADR 0013).
-- Passwords are bcrypt hashes, TOTP seeds are AES-256-GCM encrypted with the secrets' master key
-- (never in clear text here), API tokens are stored as the SHA-256 of a 256-bit random value.
create table account (
  username        text primary key check (username ~ '^[a-z0-9][a-z0-9._@-]{1,63}$'),
  password_hash   text not null,
  role            text not null
                  check (role in ('ADMIN', 'TECHNICIAN', 'CUSTOMER_ADMIN', 'CUSTOMER_VIEWER')),
  -- The customer a customer's user belongs to; staff belong to none.
  customer_id     text,
  totp_seed       bytea,
  -- A seed being enrolled: it replaces totp_seed once a code from it is confirmed.
  totp_pending    bytea,
  -- The last RFC 6238 time step accepted, so a code is never accepted twice.
  totp_last_step  bigint not null default 0,
  failed_attempts integer not null default 0,
  locked_until    timestamptz,
  disabled        boolean not null default false,
  created_at      timestamptz not null,
  check ((role in ('CUSTOMER_ADMIN', 'CUSTOMER_VIEWER')) = (customer_id is not null)),
  -- Staff always have a second factor (DPA-3).
  check (role in ('CUSTOMER_ADMIN', 'CUSTOMER_VIEWER') or totp_seed is not null)
);

create index account_customer on account (customer_id);

create table api_token (
  id           bigserial primary key,
  name         text not null,
  username     text not null references account (username),
  hash         text not null unique,
  scopes       text not null check (scopes in ('read', 'read,write')),
  created_at   timestamptz not null,
  expires_at   timestamptz not null,
  last_used_at timestamptz,
  revoked_at   timestamptz
);

create index api_token_owner on api_token (username);
