-- Domain events, written in the transaction of the change that causes them
-- and relayed to each subscriber as a job: a crash between the change and
-- its effects never loses the event.
CREATE TABLE event_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  relayed_at timestamptz
);
CREATE INDEX event_outbox_unrelayed_idx ON event_outbox (created_at, id) WHERE relayed_at IS NULL;
CREATE INDEX event_outbox_relayed_idx ON event_outbox (relayed_at) WHERE relayed_at IS NOT NULL;

-- One row per event a subscriber has acted on, written in the subscriber's
-- own transaction: a job delivered twice has its effect once.
CREATE TABLE event_receipts (
  subscriber text NOT NULL,
  event_id uuid NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subscriber, event_id)
);
CREATE INDEX event_receipts_received_idx ON event_receipts (received_at);
