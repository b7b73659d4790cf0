// mysql2 and knex against oktasql serve: text queries, server-side
// prepared statements (execute) naming groups unquoted, and knex's
// introspection. Run by cmd/oktasql's TestClients with OKTASQL_HOST,
// OKTASQL_PORT and OKTASQL_DATABASE set; exits non-zero at the first
// wrong answer.
'use strict';
const assert = require('node:assert/strict');
const mysql = require('mysql2/promise');
const knex = require('knex');

const conn = {
  host: process.env.OKTASQL_HOST,
  port: Number(process.env.OKTASQL_PORT),
  user: 'root',
  database: process.env.OKTASQL_DATABASE || 'okta',
};

async function check(what, fn) {
  try {
    await fn();
  } catch (err) {
    console.error(`FAIL ${what}: ${err.message}`);
    process.exit(1);
  }
  console.log(`ok  ${what}`);
}

async function main() {
  const c = await mysql.createConnection(conn);
  await check('query: groups unquoted', async () => {
    const [rows] = await c.query("SELECT profile_name FROM groups WHERE type = 'BUILT_IN'");
    assert.deepEqual(rows.map((r) => r.profile_name), ['Everyone']);
  });
  await check('query with ? placeholders (client-side)', async () => {
    const [rows] = await c.query('SELECT count(*) AS n FROM users WHERE status = ?', ['ACTIVE']);
    assert.ok(rows[0].n > 0);
  });
  await check('execute: server-side prepared statement on groups', async () => {
    const [rows] = await c.execute('SELECT profile_name FROM groups WHERE type = ?', ['BUILT_IN']);
    assert.deepEqual(rows.map((r) => r.profile_name), ['Everyone']);
  });
  await check('execute: a join, twice through the statement cache', async () => {
    const sql = 'SELECT count(*) AS n FROM groups g JOIN group_members m ON m.group_id = g.id WHERE g.type = ?';
    const [a] = await c.execute(sql, ['BUILT_IN']);
    const [b] = await c.execute(sql, ['BUILT_IN']);
    const [[all]] = await c.query('SELECT count(*) AS n FROM users');
    assert.equal(Number(a[0].n), Number(all.n), 'Everyone has every user');
    assert.equal(Number(b[0].n), Number(a[0].n));
  });
  await check('JSON column arrives as an object', async () => {
    const [rows] = await c.query('SELECT profile_login, profile FROM users LIMIT 1');
    assert.equal(rows[0].profile.login, rows[0].profile_login);
  });
  await check('DATETIME arrives as a Date', async () => {
    const [rows] = await c.execute('SELECT created FROM users WHERE status = ? LIMIT 1', ['ACTIVE']);
    assert.ok(rows[0].created instanceof Date);
  });
  await c.end();

  const k = knex({ client: 'mysql2', connection: conn });
  await check('knex: hasTable, columnInfo', async () => {
    assert.equal(await k.schema.hasTable('group_members'), true);
    const info = await k('users').columnInfo();
    assert.equal(info.id.type, 'varchar');
    assert.equal(info.created.type, 'datetime');
    assert.equal(info.profile.type, 'json');
  });
  await check('knex: a query builder read of groups', async () => {
    const rows = await k('groups').select('profile_name').where({ type: 'BUILT_IN' });
    assert.deepEqual(rows.map((r) => r.profile_name), ['Everyone']);
  });
  await k.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
