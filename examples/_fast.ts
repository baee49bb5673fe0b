import { gradCheck } from '@descent/core';
import { loadDigits } from './lib/digits-data.js';
import { TwoLayerNet } from './lib/two-layer-net.js';
const { train: trainSet, pixels } = loadDigits({ testFraction: 0.2, seed: 1 });
const net = new TwoLayerNet(pixels, 50, 10, undefined, 1);
const xs = trainSet.inputs.hi(3, pixels);
const ts = trainSet.targets.hi(3);
const backprop = net.gradient(xs, ts);
for (let r = 0; r < 5; r++) {
  const t = performance.now();
  const fast = gradCheck(() => net.loss(xs, ts), backprop, net.params, { mode: 'fast' });
  console.log('fast', (performance.now() - t).toFixed(1), 'ms', fast.evaluations, fast.passed, fast.maxRelError.toExponential(2), fast.worstKey);
}
// planted error
const key = Object.keys(backprop)[0]!;
const wrong = { ...backprop, [key]: backprop[key]! };
const copy = (a: any) => { const b = new Float64Array(a.size); let k = 0; for (let i = 0; i < a.shape[0]; i++) for (let j = 0; j < (a.shape[1] ?? 1); j++) b[k++] = a.shape.length === 2 ? a.get(i, j) : a.get(i); return b; };
console.log(Object.keys(backprop), Object.values(backprop).map((a: any) => a.shape));
const ndarray = (await import('ndarray')).default;
const b2 = backprop['b2']!; const bad = ndarray(copy(b2), b2.shape.slice()); bad.set(4, bad.get(4) + 1e-3);
let t = performance.now();
const fail = gradCheck(() => net.loss(xs, ts), { ...backprop, b2: bad }, net.params, { mode: 'fast' });
console.log('planted b2[4]', (performance.now() - t).toFixed(1), 'ms', fail.passed, fail.evaluations, fail.worstKey, fail.worstIndex, fail.location);
const W1 = backprop['W1']!; const badW = ndarray(copy(W1), W1.shape.slice()); badW.set(300, 7, badW.get(300, 7) + 0.05);
t = performance.now();
const fail2 = gradCheck(() => net.loss(xs, ts), { ...backprop, W1: badW }, net.params, { mode: 'fast' });
console.log('planted W1[300,7]', (performance.now() - t).toFixed(1), 'ms', fail2.passed, fail2.evaluations, fail2.worstKey, fail2.worstIndex, fail2.location);
