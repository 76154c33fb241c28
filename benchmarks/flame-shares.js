#!/usr/bin/env node
// Shares of an async-profiler HTML flame graph (benchmarks/profile's output), for the conclusions kept in README.md:
//   node benchmarks/flame-shares.js FLAME.html [REGEX...]
// prints the samples, the share of each frame right under the root (threads: Java, JIT compiler, GC...), and for each
// REGEX the share of samples with a matching frame anywhere in their stack (each sample counted once, by its outermost
// match; so a callback that runs under a matching frame counts with it).
'use strict';
const fs = require('fs');

if (process.argv.length < 3) {
  console.error('usage: node benchmarks/flame-shares.js FLAME.html [REGEX...]');
  process.exit(2);
}
const html = fs.readFileSync(process.argv[2], 'utf8');
let script = html.substring(html.indexOf('<script>') + 8, html.lastIndexOf('</script>'));
// The page builds its frame levels, then draws them: keep the levels, draw nothing.
script = script.replace(/\nsearch\(\);\s*$/, '\nglobalThis.__levels = levels;');
const stub = new Proxy(function () {}, {
  get: (target, property) => (property === Symbol.toPrimitive ? () => 0 : stub),
  apply: () => stub,
  set: () => true,
});
Object.assign(globalThis, { document: stub, window: stub, location: stub, devicePixelRatio: 1, addEventListener: () => {} });
new Function(script)();
const levels = globalThis.__levels;
if (!levels || !levels[0] || !levels[0][0]) {
  console.error('not an async-profiler flame graph: ' + process.argv[2]);
  process.exit(1);
}
const total = levels[0][0].width;
const pct = (n) => (100 * n / total).toFixed(1).padStart(5) + ' %';
console.log(`${total} samples`);
const top = {};
for (const frame of levels[1] || []) top[frame.title] = (top[frame.title] || 0) + frame.width;
for (const [title, width] of Object.entries(top).sort((a, b) => b[1] - a[1]).slice(0, 10)) {
  console.log(`${pct(width)}  ${title}`);
}
for (const pattern of process.argv.slice(3)) {
  const re = new RegExp(pattern);
  const matched = []; // [left, right) ranges of outermost matches
  let sum = 0;
  for (let h = 1; h < levels.length; h++) {
    for (const frame of levels[h]) {
      if (re.test(frame.title) && !matched.some(([l, r]) => l <= frame.left && frame.left + frame.width <= r)) {
        matched.push([frame.left, frame.left + frame.width]);
        sum += frame.width;
      }
    }
  }
  console.log(`${pct(sum)}  /${pattern}/`);
}
