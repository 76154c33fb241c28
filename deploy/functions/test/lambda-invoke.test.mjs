import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { invoke, lambdaContext, loadHandler } from '../lib/lambda-invoke.mjs';

test('loads a CommonJS handler (exports.handler) as well as an ES module one', async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'cognate-function-'));
  const file = path.join(directory, 'index.cjs');
  await writeFile(file, 'exports.handler = async (event) => ({ ...event, seen: true });\n');
  const handler = await loadHandler(file);
  const outcome = await invoke(handler, { a: 1 }, lambdaContext({ requestId: 'msg_1', functionName: 'index', timeoutMillis: 1000 }), 1000);
  assert.deepEqual(outcome, { ok: true, result: { a: 1, seen: true } });
});

test('the first of promise and callback wins, as in the Lambda runtime', async () => {
  const context = lambdaContext({ requestId: 'msg_2', functionName: 'f', timeoutMillis: 1000 });
  const outcome = await invoke(async (event, ctx, callback) => {
    callback(null, 'from the callback');
    return 'from the promise';
  }, {}, context, 1000);
  assert.deepEqual(outcome, { ok: true, result: 'from the callback' });
  const legacy = await invoke((event, ctx) => ctx.succeed({ legacy: true }), {}, context, 1000);
  assert.deepEqual(legacy, { ok: true, result: { legacy: true } });
});
