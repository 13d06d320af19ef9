-- Unit enrolment (issue 12): one token per unit, stored only as its SHA-256. Numbered 012 (the
-- issue) so it does not collide with other branches' next migrations; migrations are applied by set.
CREATE TABLE unit_tokens (
  unit_code TEXT PRIMARY KEY REFERENCES units(code),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
