// Schema migrations of the collector database, applied in order, each once, inside a transaction.
// Append new ones at the end; never edit one that has shipped.
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
]
