#!/usr/bin/env node
// Serves an unchanged Lambda trigger handler as a Cognate trigger webhook.
//
//   WEBHOOK_SECRET=whsec_... node deploy/functions/serve.mjs ./my-trigger.mjs --port 9000
//
// Options: --port N (default 9000; 0 picks a free one), --host ADDRESS (default 127.0.0.1; 0.0.0.0 in a container),
// --handler NAME (the export to run, default "handler", as Lambda's "index.handler"), --timeout SECONDS (default 5,
// Cognito's limit for a trigger). The secret is the pool's, from CognateAdmin.GetTriggerWebhookSecret (README.md).
// Once listening it prints one line, "listening on http://HOST:PORT", to stdout.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { secretKey } from './lib/webhook-signature.mjs';
import { loadHandler } from './lib/lambda-invoke.mjs';
import { createTriggerServer } from './lib/trigger-server.mjs';

const USAGE = 'usage: WEBHOOK_SECRET=whsec_... node serve.mjs HANDLER_FILE [--port 9000] [--host 127.0.0.1] [--handler handler] [--timeout 5]';

function fail(message) {
  console.error(`serve.mjs: ${message}\n${USAGE}`);
  process.exit(2);
}

let options;
try {
  options = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '9000' },
      host: { type: 'string', default: '127.0.0.1' },
      handler: { type: 'string', default: 'handler' },
      timeout: { type: 'string', default: '5' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail(error.message);
}
if (options.values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (options.positionals.length !== 1) fail('give exactly one handler file');
const port = Number(options.values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port ${options.values.port} is not a port`);
const timeoutSeconds = Number(options.values.timeout);
if (!(timeoutSeconds > 0 && timeoutSeconds <= 900)) fail(`--timeout ${options.values.timeout} is not between 0 and 900 seconds`);

let key;
try {
  key = secretKey(process.env.WEBHOOK_SECRET);
} catch (error) {
  fail(`WEBHOOK_SECRET: ${error.message}`);
}

const file = options.positionals[0];
let handler;
try {
  handler = await loadHandler(file, options.values.handler);
} catch (error) {
  console.error(`serve.mjs: cannot load ${file}:`, error);
  process.exit(1);
}

// A log reader that went away (a closed pipe) must not take the function down with it.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', () => {});
}

const server = createTriggerServer(handler, {
  key,
  functionName: path.basename(file).replace(/\.[cm]?js$/, ''),
  timeoutMillis: timeoutSeconds * 1000,
});
server.on('error', (error) => {
  console.error(`serve.mjs: ${error.message}`);
  process.exit(1);
});
server.listen(port, options.values.host, () => {
  const { address, port: bound } = server.address();
  console.log(`listening on http://${address.includes(':') ? `[${address}]` : address}:${bound}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref(); // a caller's keep-alive connection must not hold the stop
  });
}
