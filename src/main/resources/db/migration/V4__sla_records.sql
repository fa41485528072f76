-- What people add to the SLA ledger (SLA-1 customer fault reports, staff reclassifications, periods
-- of lost access or other categories, actions on faults), each row one event in the JSON Lines
-- format of docs/sla.md. Append-only: a report is fixed by a later row with the same ref, and a
-- reclassification is undone only by a newer one, so the history of every change stays (SLA-1..3).
create table sla_record (
  seq          bigserial   primary key,
  customer_id  text        not null,
  type         text        not null,
  ref          text,
  body         jsonb       not null,
  recorded_at  timestamptz not null,
  recorded_by  text        not null
);
create index sla_record_customer on sla_record (customer_id, seq);
create trigger sla_record_append_only before update or delete on sla_record
  for each row execute function vakt_append_only();
