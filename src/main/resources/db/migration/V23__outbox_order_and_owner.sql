-- Issue 32 (items 2 and 3): the outbox keeps order per recipient and knows who is sending.
-- See docs/alerting.md ("The outbox: what is guaranteed").

-- The instance holding a 'sending' row: its node name (host + data directory unless configured),
-- its process id and the process's start (epoch ms), so a restarted Vakt on the same node can tell
-- that the holder has ended and take its sends over at once instead of waiting out the lease.
alter table notification add column claimed_node text;
alter table notification add column claimed_pid bigint;
alter table notification add column claimed_process_start bigint;
-- An earlier attempt ended without a known outcome (its sender died): the message may already
-- have arrived. The next attempt asks the channel first where it can (SMS status URL).
alter table notification add column unknown_outcome boolean not null default false;
-- Delivered after an attempt with an unknown outcome, without the channel being able to say
-- whether that attempt had arrived: the recipient may have it twice.
alter table notification add column possibly_duplicate boolean not null default false;

-- Order per recipient: the oldest unfinished notification of a (channel, recipient) goes first.
create index notification_recipient_open on notification (channel, recipient, id)
  where state in ('pending', 'sending');

-- 'owner-ended': the instance that was sending it ended (found at the next start on its node).
alter table notification_attempt drop constraint notification_attempt_outcome_check;
alter table notification_attempt add constraint notification_attempt_outcome_check
  check (outcome in ('delivered', 'retryable', 'permanent', 'lease-expired', 'owner-ended'));
