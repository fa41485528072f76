-- Files sent with a notification (the monthly SLA report's PDF). Stored with the notification in
-- the transaction that enqueues it, so a retry after a crash sends the same bytes, and what was
-- sent stays on record. Never changed.
create table notification_attachment (
  notification_id bigint  not null references notification (id),
  position        integer not null,
  name            text    not null,
  content_type    text    not null,
  content         bytea   not null,
  primary key (notification_id, position)
);
create trigger notification_attachment_append_only before update or delete on notification_attachment
  for each row execute function vakt_append_only();
