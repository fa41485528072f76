-- The notification outbox (ALR-1, ALR-2, ALR-5, ALR-6): a notification is inserted in the same
-- transaction as the event that causes it, and a delivery worker sends it, at least once.
-- See docs/adr/0010-notification-outbox.md.

create table notification (
  id              bigserial   primary key,
  -- cause + recipient, e.g. incident-123/down/email:ola@example.no: one notification per pair.
  dedup_key       text        not null unique,
  customer_id     text,                                   -- null for staff alerts
  channel         text        not null check (channel in ('email', 'sms', 'webhook')),
  recipient       text        not null,                   -- address, phone or webhook name
  language        text        not null,
  template        text        not null,
  subject         text        not null,                   -- rendered at enqueue: what was sent
  body            text        not null,
  cause           text        not null,
  state           text        not null default 'pending'
                  check (state in ('pending', 'sending', 'delivered', 'failed')),
  attempts        integer     not null default 0,         -- attempts started (claims)
  next_attempt_at timestamptz not null,
  claimed_at      timestamptz,                            -- the current attempt's start
  lease_until     timestamptz,                            -- a 'sending' row past this is re-sent
  last_error      text,
  created_at      timestamptz not null,
  delivered_at    timestamptz,
  check ((state = 'sending') = (lease_until is not null))
);
create index notification_due on notification (next_attempt_at) where state = 'pending';
create index notification_leased on notification (lease_until) where state = 'sending';
create index notification_cause on notification (cause text_pattern_ops);
create index notification_customer on notification (customer_id);

-- Every attempt and its outcome, never changed: delivery is visible per incident.
create table notification_attempt (
  seq             bigserial   primary key,
  notification_id bigint      not null references notification (id),
  attempt         integer     not null,
  started_at      timestamptz not null,
  finished_at     timestamptz not null,
  outcome         text        not null
                  check (outcome in ('delivered', 'retryable', 'permanent', 'lease-expired')),
  reason          text
);
create index notification_attempt_notification on notification_attempt (notification_id);
create trigger notification_attempt_append_only before update or delete on notification_attempt
  for each row execute function vakt_append_only();
