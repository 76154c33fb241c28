// Runs a Lambda handler as the Node.js Lambda runtime does, for both of its styles:
//   export const handler = async (event, context) => ...          (the promise's value is the answer)
//   export const handler = (event, context, callback) => callback(error, result)
// Whichever settles first wins (a returned promise or the callback), as in the runtime; a handler that throws, rejects
// or calls back with an error ends in Lambda's error shape {errorType, errorMessage}.
import { pathToFileURL } from 'node:url';
import path from 'node:path';

/** Loads the named export of a handler file (ESM, or CommonJS through module.exports), once: Lambda's init phase. */
export async function loadHandler(file, exportName = 'handler') {
  const module = await import(pathToFileURL(path.resolve(file)).href);
  const handler = module[exportName] ?? module.default?.[exportName];
  if (typeof handler !== 'function') {
    throw new Error(`${file} has no exported function "${exportName}"`);
  }
  return handler;
}

/** The parts of Lambda's context object a trigger handler reads. */
export function lambdaContext({ requestId, functionName, timeoutMillis, startedAt = Date.now() }) {
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'cognate-function-adapter',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, timeoutMillis - (Date.now() - startedAt)),
  };
}

/**
 * Invokes the handler; resolves {ok: true, result} or {ok: false, error: {errorType, errorMessage}}, never rejects.
 * A handler that neither returns a promise nor calls back within timeoutMillis ends as Lambda's timeout.
 */
export function invoke(handler, event, context, timeoutMillis) {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      }
    };
    const succeed = (result) => finish({ ok: true, result });
    const fail = (error) => finish({ ok: false, error: lambdaError(error), cause: error });
    const timer = setTimeout(() => finish({
      ok: false,
      error: { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${(timeoutMillis / 1000).toFixed(2)} seconds` },
    }), timeoutMillis);

    const callback = (error, result) => (error === undefined || error === null ? succeed(result) : fail(error));
    // The legacy context methods some older handlers still call.
    const legacyContext = Object.assign(Object.create(context), {
      succeed, fail, done: callback,
    });
    try {
      const returned = handler(event, legacyContext, callback);
      if (returned && typeof returned.then === 'function') {
        returned.then(succeed, fail);
      }
    } catch (error) {
      fail(error);
    }
  });
}

/**
 * Lambda's error payload, as the Node.js runtime builds it: an Error's name and message; anything else thrown (a
 * string, say) gets its typeof as errorType and its string form as errorMessage. No stack trace: it would reach
 * trigger-runner, and Cognito only ever shows errorMessage. The stack is logged here instead.
 */
export function lambdaError(error) {
  if (error instanceof Error) {
    return { errorType: error.name || 'Error', errorMessage: error.message };
  }
  return { errorType: typeof error, errorMessage: String(error) };
}
