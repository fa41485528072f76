-- Which alerting incident each service that is down belongs to (ALR-1, ALR-2): a host that is down
-- holds its services under one incident, so its emergency list is told once, not once per service.
-- A row is opened when a service goes down and closed when it answers again; rows are kept.
create table service_incident (
  incident    text        not null,
  service_id  text        not null,
  customer_id text,
  owner       boolean     not null,   -- the service whose failure opened the incident
  notified    boolean     not null,   -- whether the customer's emergency list was told
  opened_at   timestamptz not null,
  closed_at   timestamptz,
  primary key (incident, service_id)
);
create unique index service_incident_open on service_incident (service_id) where closed_at is null;
