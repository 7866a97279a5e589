// duckdb.mjs: DuckDB computing the weekly means attune report and the
// floor compute, for make bench (scripts/bench):
//
//	node tests/duckdb/bench.mjs FILE
//
// prints period_start,who,checkins,mood_mean,bond_mean,anxiety_mean,
// numb_mean,sleep_mean (six decimals), one row per ISO week and person, in
// order.  The week is that of the date written in the timestamp, as attune
// counts it; an empty who is "me".  One thread, as attune uses.  Needs the
// npm package @duckdb/node-api, which scripts/setup --all installs into
// tests/duckdb.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) {
	process.stderr.write('usage: node tests/duckdb/bench.mjs FILE\n');
	process.exit(2);
}
const num = "DOUBLE";
const cols = `{'timestamp': 'VARCHAR', 'who': 'VARCHAR', 'mood': '${num}',
    'bond': '${num}', 'anxiety': '${num}', 'numb': '${num}', 'sleep': '${num}',
    'did': 'VARCHAR', 'flags': 'VARCHAR', 'note': 'VARCHAR'}`;
const mean = (c) => `coalesce(printf('%.6f', avg(${c})), '')`;
const sql = `
SELECT strftime(date_trunc('week', CAST(substr(timestamp, 1, 10) AS DATE)),
        '%Y-%m-%d') || ',' || coalesce(nullif(who, ''), 'me') || ',' ||
    count(*) || ',' || ${mean('mood')} || ',' || ${mean('bond')} || ',' ||
    ${mean('anxiety')} || ',' || ${mean('numb')} || ',' || ${mean('sleep')}
FROM read_csv('${file.replace(/'/g, "''")}', header = true,
    columns = ${cols})
GROUP BY date_trunc('week', CAST(substr(timestamp, 1, 10) AS DATE)),
    coalesce(nullif(who, ''), 'me')
ORDER BY 1`;

const db = await DuckDBInstance.create(':memory:', { threads: '1' });
const con = await db.connect();
const reader = await con.runAndReadAll(sql);
const out = ['period_start,who,checkins,mood_mean,bond_mean,anxiety_mean,' +
    'numb_mean,sleep_mean'];
for (const row of reader.getRows())
	out.push(String(row[0]));
process.stdout.write(out.join('\n') + '\n');
