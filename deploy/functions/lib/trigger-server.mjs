// The HTTP side of the adapter: one Cognate trigger webhook in front of one Lambda handler.
//   POST (any path), signed  → the handler's answer: 200 + the returned event as JSON,
//                              or 500 + {errorType, errorMessage} (trigger-runner's FUNCTION_ERROR)
//   bad or missing signature → 401 {errorType: "Unauthorized", errorMessage}; the handler does not run
//   body not a JSON object   → 400; over 1 MiB → 413; other methods → 405; GET /healthz → 200 (liveness probes)
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { verify, WebhookVerificationError } from './webhook-signature.mjs';
import { invoke, lambdaContext } from './lambda-invoke.mjs';

/** Cognito's events are a few KiB; trigger-runner refuses answers over 1 MiB, so requests are held to the same. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * An http.Server (not yet listening) that serves `handler`.
 * options: key (the HMAC key, see secretKey), functionName, timeoutMillis (Cognito's own limit is 5 s),
 * log (a console-like object), now (seconds; for tests).
 */
export function createTriggerServer(handler, { key, functionName = 'cognate-function', timeoutMillis = 5000, log = console, now } = {}) {
  if (!key) {
    throw new Error('a webhook secret is required: the adapter never runs a handler for unsigned requests');
  }
  const serveOne = async (request, response) => {
    if (request.method === 'GET' && request.url === '/healthz') {
      return answer(response, 200, { status: 'UP' });
    }
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      return answer(response, 405, { errorType: 'MethodNotAllowed', errorMessage: 'trigger calls are POSTs' });
    }
    let body;
    try {
      body = await readBody(request);
    } catch (tooLarge) {
      return answer(response, 413, { errorType: 'RequestTooLarge', errorMessage: tooLarge.message }, { close: true });
    }

    let webhookId;
    try {
      webhookId = verify(key, request.headers, body, now?.());
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error; // answered 500 by the catch-all below
      log.warn(`refused a call from ${request.socket.remoteAddress}: ${error.message}`);
      return answer(response, 401, { errorType: 'Unauthorized', errorMessage: error.message });
    }

    let event;
    try {
      event = JSON.parse(body.toString('utf8'));
    } catch {
      event = undefined;
    }
    if (event === null || typeof event !== 'object' || Array.isArray(event)) {
      return answer(response, 400, { errorType: 'InvalidRequest', errorMessage: 'the body is not a JSON object' });
    }

    const startedAt = Date.now();
    const context = lambdaContext({ requestId: webhookId ?? randomUUID(), functionName, timeoutMillis, startedAt });
    const outcome = await invoke(handler, event, context, timeoutMillis);
    const millis = Date.now() - startedAt;
    if (!outcome.ok) {
      log.error(`${webhookId} ${event.triggerSource} failed after ${millis} ms: ${outcome.error.errorType}: ${outcome.error.errorMessage}`,
        outcome.cause instanceof Error ? `\n${outcome.cause.stack}` : '');
      return answer(response, 500, outcome.error);
    }
    let json;
    try {
      // Lambda answers null for a handler that returned nothing; Cognito then reports an unrecognizable output.
      json = JSON.stringify(outcome.result ?? null);
    } catch (error) {
      return answer(response, 500, { errorType: 'Runtime.MarshalError', errorMessage: `Unable to stringify response body: ${error.message}` });
    }
    log.info(`${webhookId} ${event.triggerSource} answered in ${millis} ms`);
    return answerRaw(response, 200, json);
  };
  return http.createServer((request, response) => {
    // A bug here must cost one call, never the process (an unhandled rejection would end it).
    serveOne(request, response).catch((error) => {
      log.error('the adapter failed on a call:', error);
      if (!response.headersSent) {
        answer(response, 500, { errorType: 'AdapterError', errorMessage: 'the function adapter failed; see its log' });
      } else {
        response.destroy();
      }
    });
  });
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let length = 0;
    request.on('data', (chunk) => {
      length += chunk.length;
      if (length > MAX_BODY_BYTES) {
        request.pause();
        reject(new Error(`the body exceeds ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function answer(response, status, payload, { close = false } = {}) {
  if (close) response.setHeader('Connection', 'close');
  return answerRaw(response, status, JSON.stringify(payload));
}

function answerRaw(response, status, json) {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
  response.end(json);
}
