-- Store of rate-limiter-flexible's Postgres limiter (its own documented shape).
CREATE TABLE rate_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
