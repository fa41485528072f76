-- Login attempts per client address and minute (issue 7, ADR 0013/0014): the rate limit of
-- POST /api/session kept in the database, so a restart does not reset it and every instance
-- sharing the database counts the same attempts. Rows older than the current minute are pruned.
create table login_attempt (
  address  text    not null,
  minute   bigint  not null, -- epoch minute (UTC) of the window
  attempts integer not null,
  primary key (address, minute)
);

create index login_attempt_minute on login_attempt (minute);
