-- pool.sql: a clinic's or a study's pooled view of many parents' attune
-- logs, for DuckDB.  scripts/attune-pool runs it; attune-pool(1) tells how.
--
-- The logs are laid out one folder per parent, grouped by site, exactly as
-- attune writes them (archives included):
--
--	ROOT/site=NAME/parent=ID/checkins.csv
--	ROOT/site=NAME/parent=ID/checkins-2025.csv.gz
--	ROOT/site=NAME/parent=ID/screens.csv
--
-- Three variables come first (attune-pool sets them):
--	pool_checkins	the list of globs of the check-in logs, such as
--			['ROOT/site=*/parent=*/checkins.csv',
--			 'ROOT/site=*/parent=*/checkins*.csv.gz']
--	pool_screens	the same for the screens logs
--	pool_today	the day that "the last 14 days" end on, 'YYYY-MM-DD'
--
-- Part 1 reads the files, and is DuckDB's own.  Part 2 is the pooled view,
-- in SQL that other engines run too (see attune-pool(1)): it only needs
-- tables called checkins, screens and pool_settings shaped as below.

-- Part 1: the files, read where they lie.  Nothing is fetched from the
-- network: DuckDB reads CSV and gzip by itself.
SET autoinstall_known_extensions = false;
SET autoload_known_extensions = false;

-- Both logs are read alike: every column as text, found by its header
-- (union_by_name: any column order, columns a file lacks are empty), site
-- and parent from the folder names.  Rows that are not CSV are left out,
-- as attune skips them.  Each log is read once, into a temporary table:
-- a view would read and sniff every file again each time a view over it
-- is made or queried.
CREATE OR REPLACE MACRO attune_logs(globs) AS TABLE
SELECT * FROM read_csv(globs,
    header = true, delim = ',', quote = '"', escape = '"',
    all_varchar = true, union_by_name = true, ignore_errors = true,
    hive_partitioning = true,
    hive_types = {'site': 'VARCHAR', 'parent': 'VARCHAR'},
    filename = true);

CREATE OR REPLACE TEMP TABLE checkins_raw AS
SELECT * FROM attune_logs(getvariable('pool_checkins'));

CREATE OR REPLACE TEMP TABLE screens_raw AS
SELECT * FROM attune_logs(getvariable('pool_screens'));

CREATE OR REPLACE TABLE pool_settings AS
SELECT CAST(getvariable('pool_today') AS DATE) AS today;

-- The check-ins, typed.  A day is the date written in the timestamp (as in
-- attune); an empty who is "me"; sleep is kept in tenths of an hour, as
-- attune keeps it, so the means come out to the same digits.  A row whose
-- timestamp is not a date, or with a measure out of its range, is left out,
-- as attune leaves it out.
CREATE OR REPLACE VIEW checkins AS
SELECT site, parent, who, day, "timestamp", mood, bond, anxiety, numb,
    sleep_tenths, did, flags, note
FROM (
    SELECT site, parent,
        coalesce(nullif(trim(who), ''), 'me') AS who,
        TRY_CAST(substr(trim("timestamp"), 1, 10) AS DATE) AS day,
        trim("timestamp") AS "timestamp",
        TRY_CAST(nullif(trim(mood), '') AS INTEGER) AS mood,
        TRY_CAST(nullif(trim(bond), '') AS INTEGER) AS bond,
        TRY_CAST(nullif(trim(anxiety), '') AS INTEGER) AS anxiety,
        TRY_CAST(nullif(trim(numb), '') AS INTEGER) AS numb,
        CAST(round(TRY_CAST(nullif(trim(sleep), '') AS DOUBLE) * 10)
            AS INTEGER) AS sleep_tenths,
        coalesce(trim(did), '') AS did,
        coalesce(trim(flags), '') AS flags,
        coalesce(note, '') AS note,
        trim(mood) AS m0, trim(bond) AS b0, trim(anxiety) AS a0,
        trim(numb) AS n0, trim(sleep) AS s0
    FROM checkins_raw
) c
WHERE day IS NOT NULL
  AND (coalesce(m0, '') = '' OR mood BETWEEN 0 AND 10)
  AND (coalesce(b0, '') = '' OR bond BETWEEN 0 AND 10)
  AND (coalesce(a0, '') = '' OR anxiety BETWEEN 0 AND 10)
  AND (coalesce(n0, '') = '' OR numb BETWEEN 0 AND 10)
  AND (coalesce(s0, '') = '' OR sleep_tenths BETWEEN 0 AND 240);

CREATE OR REPLACE VIEW screens AS
SELECT site, parent,
    coalesce(nullif(trim(who), ''), 'me') AS who,
    TRY_CAST(substr(trim("timestamp"), 1, 10) AS DATE) AS day,
    trim("timestamp") AS "timestamp",
    lower(trim(instrument)) AS instrument,
    TRY_CAST(nullif(trim(total), '') AS INTEGER) AS total,
    coalesce(trim(band), '') AS band,
    coalesce(trim(flags), '') AS flags
FROM screens_raw
WHERE TRY_CAST(substr(trim("timestamp"), 1, 10) AS DATE) IS NOT NULL;

-- Part 2: the pooled view.

-- Weekly means per parent (and per person in a parent's folder: a partner
-- may log there too), weeks from Monday as in attune.  The means are those
-- of attune report --by week --format csv, to the same two decimals:
-- printf rounds the same double the same way attune's does.  One mean is
-- written for all five measures: each check-in is turned into a row a
-- measure (u), the rows of a week and a measure are averaged (w), and the
-- five means are set back side by side; plain SQL with no macro, so that
-- Part 2 runs on other engines too (attune-pool(1)).  Sleep is in tenths,
-- hence its scale of 10.
CREATE OR REPLACE VIEW weekly AS
SELECT period_start, period_end, site, parent, who, checkins, days,
    max(CASE WHEN measure = 'mood' THEN mean END) AS mood_mean,
    max(CASE WHEN measure = 'bond' THEN mean END) AS bond_mean,
    max(CASE WHEN measure = 'anxiety' THEN mean END) AS anxiety_mean,
    max(CASE WHEN measure = 'numb' THEN mean END) AS numb_mean,
    max(CASE WHEN measure = 'sleep' THEN mean END) AS sleep_mean,
    flagged
FROM (
    SELECT
        CAST(date_trunc('week', day) AS DATE) AS period_start,
        CAST(CAST(date_trunc('week', day) AS DATE) + INTERVAL '6' DAY
            AS DATE) AS period_end,
        site, parent, who, measure,
        count(*) AS checkins,
        count(DISTINCT day) AS days,
        CASE WHEN count(value) > 0 THEN
            printf('%.2f', CAST(sum(value) AS DOUBLE) / count(value)
                / scale) END AS mean,
        sum(CASE WHEN flags <> '' THEN 1 ELSE 0 END) AS flagged
    FROM (
        SELECT c.site, c.parent, c.who, c.day, c.flags, m.measure, m.scale,
            CASE m.measure WHEN 'mood' THEN c.mood WHEN 'bond' THEN c.bond
                WHEN 'anxiety' THEN c.anxiety WHEN 'numb' THEN c.numb
                ELSE c.sleep_tenths END AS value
        FROM checkins c CROSS JOIN (VALUES ('mood', 1), ('bond', 1),
            ('anxiety', 1), ('numb', 1), ('sleep', 10)) AS m (measure, scale)
    ) u
    GROUP BY site, parent, who, CAST(date_trunc('week', day) AS DATE),
        measure, scale
) w
GROUP BY period_start, period_end, site, parent, who, checkins, days, flagged
ORDER BY site, parent, who, period_start;

-- Screens over time: each screen with the change from the one before of
-- the same questionnaire, for the same person.
CREATE OR REPLACE VIEW screen_history AS
SELECT day, site, parent, who, instrument, total, band,
    total - lag(total) OVER (PARTITION BY site, parent, who, instrument
        ORDER BY day, "timestamp") AS change,
    flags
FROM screens
ORDER BY site, parent, who, instrument, day, "timestamp";

-- Who has an urgent flag in the 14 days ending on pool_today: a harm flag
-- in a check-in, or a screen flagged safety (a safety question answered
-- above its lowest option).  These people need a call today.
CREATE OR REPLACE VIEW urgent AS
SELECT u.site, u.parent, u.who, max(u.day) AS last_day, count(*) AS times,
    sum(CASE WHEN u.kind = 'harm' THEN 1 ELSE 0 END) AS harm_flags,
    sum(CASE WHEN u.kind = 'safety' THEN 1 ELSE 0 END) AS safety_screens
FROM (
    SELECT site, parent, who, day, 'harm' AS kind FROM checkins
    WHERE ';' || flags || ';' LIKE '%;harm;%'
    UNION ALL
    SELECT site, parent, who, day, 'safety' AS kind FROM screens
    WHERE ';' || flags || ';' LIKE '%;safety;%'
) u, pool_settings p
WHERE u.day BETWEEN CAST(p.today - INTERVAL '13' DAY AS DATE) AND p.today
GROUP BY u.site, u.parent, u.who
ORDER BY last_day DESC, u.site, u.parent, u.who;
