// Resolves every *.localhost name to 127.0.0.1 in this Node process, as browsers do (RFC 6761 reserves the name for
// loopback) and the C library of a bare machine may not: the test's proxy serves the chart's ingress hosts as
// <name>.localhost. Import it before anything connects. Other names resolve as before.
import dns from 'node:dns';

const systemLookup = dns.lookup;

dns.lookup = function lookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  } else if (typeof options === 'number') {
    options = { family: options };
  }
  const name = String(hostname).toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) {
    const address = { address: '127.0.0.1', family: 4 };
    process.nextTick(() => (options?.all ? callback(null, [address]) : callback(null, address.address, address.family)));
    return {};
  }
  return systemLookup.call(dns, hostname, options, callback);
};
