-- Vakt foundation schema: versioned terms documents, the inventory, secrets and the audit log.
-- Instants are timestamptz (stored in UTC); documents keep the exact text users wrote, as JSON.

create function vakt_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
    using errcode = 'insufficient_privilege';
end $$;

-- K-1: every version of every terms document, never changed once stored.
create table terms_document (
  kind           text        not null check (kind in ('Provider', 'Product', 'Contract', 'SpecialAgreement')),
  id             text        not null,
  version        integer     not null check (version >= 1),
  effective_from date        not null,
  provider_id    text,
  customer_id    text,
  body           jsonb       not null,
  sha256         text        not null,
  source         text,
  imported_at    timestamptz not null,
  imported_by    text        not null,
  primary key (kind, id, version),
  unique (kind, id, effective_from)
);
create index terms_document_customer on terms_document (customer_id);
create trigger terms_document_append_only before update or delete on terms_document
  for each row execute function vakt_append_only();

create table customer (
  id          text        primary key,
  provider_id text        not null,
  name        text        not null,
  body        jsonb       not null,
  updated_at  timestamptz not null
);

create table cluster (
  id          text        primary key,
  customer_id text        not null references customer (id),
  body        jsonb       not null,
  updated_at  timestamptz not null
);
create index cluster_customer on cluster (customer_id);

create table server (
  id          text        primary key,
  customer_id text        not null references customer (id),
  cluster_id  text        references cluster (id),
  body        jsonb       not null,
  updated_at  timestamptz not null
);
create index server_customer on server (customer_id);

create table service (
  id          text        primary key,
  server_id   text        not null references server (id),
  customer_id text        not null references customer (id),
  body        jsonb       not null,
  updated_at  timestamptz not null
);
create index service_customer on service (customer_id);

-- Secrets given to Vakt's own store, AES-256-GCM encrypted; the key never enters the database.
create table secret (
  name        text        primary key,
  nonce       bytea       not null,
  ciphertext  bytea       not null,
  key_id      text        not null,
  updated_at  timestamptz not null
);

-- Every change: who, when, what, before and after (DPA-3). Append-only.
create table audit_event (
  seq         bigserial   primary key,
  at          timestamptz not null,
  actor       text        not null,
  action      text        not null,
  entity      text        not null,
  entity_id   text        not null,
  customer_id text,
  before      jsonb,
  after       jsonb
);
create index audit_event_entity on audit_event (entity, entity_id);
create index audit_event_customer on audit_event (customer_id);
create trigger audit_event_append_only before update or delete on audit_event
  for each row execute function vakt_append_only();
