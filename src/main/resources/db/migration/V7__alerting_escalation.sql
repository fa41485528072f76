-- On-call schedules and escalation (ALR-1, ALR-3, ALR-4): the providers' on-call documents, the
-- alerting state of each incident (alarm, acknowledgement, troubleshooting started, deadlines and
-- whether they were met) and every page enqueued for it. See docs/on-call.md.

-- The current OnCall document of each provider, as imported (kind: OnCall). Import replaces it.
create table oncall_document (
  provider    text        primary key,
  body        jsonb       not null,
  updated_at  timestamptz not null,
  updated_by  text        not null
);

-- One row per incident that pages technicians.
create table alert_incident (
  ref                         text        primary key,        -- the caller's incident reference
  customer_id                 text        not null,
  provider                    text        not null,
  services                    text        not null,           -- service ids, comma-separated
  zone                        text        not null,           -- times in pages are shown in it
  policy                      text,                           -- escalation policy id; null: none
  alarm_at                    timestamptz not null,
  action_deadline_at          timestamptz,                    -- sla.maxTimeToAction (ALR-4)
  troubleshooting_deadline_at timestamptz,                    -- alerting.troubleshootingStart (ALR-3)
  acknowledged_at             timestamptz,
  acknowledged_by             text,
  troubleshooting_at          timestamptz,
  troubleshooting_by          text,
  resolved_at                 timestamptz,
  -- met: acted before the deadline; missed: not; resolved-first: resolved before the deadline
  -- with no action; null: no such deadline, or still open and not yet due.
  action_outcome              text check (action_outcome in ('met', 'missed', 'resolved-first')),
  troubleshooting_outcome     text check (troubleshooting_outcome in ('met', 'missed', 'resolved-first')),
  created_at                  timestamptz not null,
  check ((acknowledged_at is null) = (acknowledged_by is null)),
  check ((troubleshooting_at is null) = (troubleshooting_by is null))
);
create index alert_incident_open on alert_incident (alarm_at) where resolved_at is null;

-- Every page enqueued, append-only; dedup_key is the outbox's (notification.dedup_key).
create table alert_page (
  id              bigserial   primary key,
  incident_ref    text        not null references alert_incident (ref),
  dedup_key       text        not null unique,
  round           integer     not null,
  step            integer     not null,
  person          text        not null,
  channel         text        not null,
  recipient       text        not null,
  due_at          timestamptz not null,
  pulled_forward  boolean     not null,                       -- moved earlier by the deadline rule
  notification_id bigint      not null,
  enqueued_at     timestamptz not null
);
create index alert_page_incident on alert_page (incident_ref);
