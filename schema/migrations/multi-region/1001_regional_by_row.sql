-- Multi-region CockroachDB only: applied by `Goals.Api migrate --multi-region`, which refuses any other database
-- (PostgreSQL, or CockroachDB without a PRIMARY REGION). Not part of the normal sequence. See docs/multi-region.md.
-- Before it: ALTER DATABASE <db> SET PRIMARY REGION "<home>"; ALTER DATABASE <db> ADD REGION "<other>"; (operator).
--
-- Every student-owned table becomes REGIONAL BY ROW: a hidden crdb_region column (default: the region of the
-- gateway that inserted the row, which is the student's home region because each region's stack serves its own
-- students) partitions the rows, so a student's reads and writes stay in their region. SET LOCALITY is idempotent.
ALTER TABLE goals SET LOCALITY REGIONAL BY ROW;
ALTER TABLE goal_tasks SET LOCALITY REGIONAL BY ROW;
ALTER TABLE goal_notes SET LOCALITY REGIONAL BY ROW;
ALTER TABLE idempotency_keys SET LOCALITY REGIONAL BY ROW;
ALTER TABLE jobs SET LOCALITY REGIONAL BY ROW;
-- Read by every region's migration run, written once per deploy: global tables read locally everywhere.
ALTER TABLE schema_migrations SET LOCALITY GLOBAL;
ALTER TABLE schema_migrations_lock SET LOCALITY GLOBAL;
