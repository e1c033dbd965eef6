// Schema migrations of the collector database, the same SQL on PGlite and PostgreSQL, applied in
// order, each once, inside a transaction. Append new ones at the end; never edit one that has shipped.
export const MIGRATIONS: readonly string[] = [
  // 1: one row per response id, holding its highest revision.
  `create table responses (
     id text primary key,
     revision integer not null,
     event text not null,
     survey_id text not null,
     survey_version integer not null,
     touchpoint text not null,
     answers jsonb not null,
     record jsonb not null,
     received_at timestamptz not null default now(),
     updated_at timestamptz not null default now()
   );
   create index responses_survey_touchpoint on responses (survey_id, touchpoint);
   create index responses_received_at on responses (received_at desc);`,
  // 2: items the SDK had to evict before delivery (queue full, too old), as reported in `dropped`.
  `create table dropped_counts (
     reason text primary key,
     count bigint not null default 0
   );`,
  // 3: versions up to 2^53 (a survey may be versioned by a timestamp); the owner of a response (only
  // its client may send later revisions); the day it was first received (the aggregates' bucket);
  // aggregates kept on write, so stats read O(days × touchpoints), never O(rows); dashboard sessions.
  `alter table responses alter column survey_version type bigint;
   alter table responses add column anonymous_id text;
   alter table responses add column user_id text;
   alter table responses add column day date;
   update responses set anonymous_id = record->>'anonymousId', user_id = record->>'userId',
     day = (received_at at time zone 'UTC')::date;
   alter table responses alter column anonymous_id set not null;
   alter table responses alter column day set not null;
   create index responses_anonymous_id on responses (anonymous_id);
   create index responses_user_id on responses (user_id) where user_id is not null;
   create index responses_page on responses (received_at desc, id desc);
   -- shard: concurrent writers to one survey/day/touchpoint update different rows (a writer picks one
   -- per transaction), so they do not queue on one row lock through every commit; reads sum the shards.
   create table agg_responses (
     survey_id text not null, touchpoint text not null, day date not null, shard smallint not null,
     responses bigint not null default 0, answered bigint not null default 0,
     completed bigint not null default 0, dismissed bigint not null default 0,
     primary key (survey_id, day, touchpoint, shard)
   );
   create table agg_scores (
     survey_id text not null, touchpoint text not null, day date not null, shard smallint not null,
     question_id text not null, kind text not null, value smallint not null, count bigint not null default 0,
     primary key (survey_id, day, touchpoint, question_id, value, shard)
   );
   create table agg_durations (
     survey_id text not null, touchpoint text not null, day date not null, shard smallint not null,
     bucket smallint not null, count bigint not null default 0,
     primary key (survey_id, day, touchpoint, bucket, shard)
   );
   create table collector_state (key text primary key, value text not null);
   insert into collector_state (key, value) values ('aggregates', 'stale');
   create table sessions (
     id_hash text primary key,
     created_at timestamptz not null default now(),
     expires_at timestamptz not null
   );`,
  // 4: surveys published over the admin API. Every
  // publish is an immutable row of survey_versions (the definition's JSON text, key order kept, so an
  // export round-trips); surveys holds the current version and status; survey_history says who did
  // what. collector_state 'surveys' is a change counter: collectors sharing one PostgreSQL database
  // read it (one primary-key row) to know when to reload their in-memory copy.
  `create table surveys (
     id text primary key,
     status text not null check (status in ('published', 'paused', 'archived')),
     version bigint not null,
     updated_at timestamptz not null default now(),
     updated_by text not null
   );
   create table survey_versions (
     survey_id text not null references surveys (id),
     version bigint not null,
     definition text not null,
     changes jsonb not null,
     actor text not null,
     created_at timestamptz not null default now(),
     primary key (survey_id, version)
   );
   create table survey_history (
     seq bigserial primary key,
     survey_id text not null references surveys (id),
     action text not null,
     version bigint not null,
     actor text not null,
     changes jsonb not null,
     at timestamptz not null default now()
   );
   create index survey_history_survey on survey_history (survey_id, seq);
   insert into collector_state (key, value) values ('surveys', '0');`,
  // 5: closing the loop. Follow-up of detractors and passives (status, assignee, note, history);
  // outbound webhooks and their durable outbox (written in the response's transaction, sent by
  // ../webhooks.ts, claimed with "for update skip locked" so several collectors share the work).
  `create table follow_ups (
     response_id text primary key references responses (id) on delete cascade,
     survey_id text not null,
     category text not null,
     score smallint not null,
     has_comment boolean not null default false,
     status text not null default 'open',
     assignee text,
     note text,
     day date not null,
     received_at timestamptz not null default now(),
     updated_at timestamptz not null default now()
   );
   create index follow_ups_inbox on follow_ups (category, status, received_at desc, response_id desc);
   create table follow_up_events (
     id bigserial primary key,
     response_id text not null references responses (id) on delete cascade,
     at timestamptz not null default now(),
     changes jsonb not null
   );
   create index follow_up_events_response on follow_up_events (response_id, id);
   create table webhooks (
     id text primary key,
     url text not null,
     secret text not null,
     rules jsonb not null,
     survey_id text,
     source text not null default 'dashboard',
     enabled boolean not null default true,
     created_at timestamptz not null default now()
   );
   create table webhook_deliveries (
     id text primary key,
     webhook_id text not null references webhooks (id) on delete cascade,
     response_id text not null references responses (id) on delete cascade,
     rule text not null,
     body text not null,
     status text not null default 'pending',
     attempts integer not null default 0,
     next_attempt_at timestamptz not null default now(),
     last_error text,
     last_status integer,
     created_at timestamptz not null default now(),
     delivered_at timestamptz,
     unique (webhook_id, response_id, rule)
   );
   create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status in ('pending', 'sending');
   create index webhook_deliveries_log on webhook_deliveries (created_at desc, id desc);`,
]
