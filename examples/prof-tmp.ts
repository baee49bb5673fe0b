import ndarray from 'ndarray';
import { loadDigits } from './lib/data.js';
import { TwoLayerNet } from './lib/two-layer-net.js';
import { IncrementalLoss } from './lib/incremental-loss.js';
const { train } = loadDigits({});
const x = ndarray((train.inputs.data as Float64Array).slice(0, 78400), [100, 784]), t = ndarray((train.targets.data as Float64Array).slice(0, 100));
const net = new TwoLayerNet(784, 50, 10);
const inc = new IncrementalLoss(net, x, t);
const W1 = net.params.W1.data as Float64Array;
function time(name: string, f: () => void, reps = 500) {
  const ts: number[] = [];
  for (let r = 0; r < 9; r++) { const t0 = process.cpuUsage(); for (let q = 0; q < reps; q++) f(); const d = process.cpuUsage(t0); ts.push((d.user + d.system) / 1000 / reps); }
  ts.sort((a, b) => a - b); console.log(name.padEnd(30), (ts[0]! * 1000).toFixed(1), 'min µs', (ts[4]! * 1000).toFixed(1), 'median µs');
}
let k = 0;
time('full loss', () => net.loss(x, t), 200);
time('inc no change', () => inc.value());
time('inc perturb (3 calls)', () => { const idx = (k++ * 7919) % 39200; const old = W1[idx]!; W1[idx] = old + 1e-4; inc.value(); W1[idx] = old - 1e-4; inc.value(); W1[idx] = old; inc.value(); }, 200);
import { affineInto, softmaxInto, crossEntropy } from './lib/layers.js';
const anyInc = inc as any;
const b1 = net.params.b1.data as Float64Array;
time('diff only', () => anyInc.findChangedColumns(W1, b1));
time('column only', () => anyInc.recomputeColumn(7, W1, b1));
const z1 = new Float64Array(5000).fill(0.5), y = new Float64Array(1000);
time('layer2 affine', () => affineInto(y, z1, net.params.W2.data as Float64Array, net.params.b2.data as Float64Array, 100, 50, 10));
time('softmax+ce', () => { softmaxInto(y, y, 100, 10); crossEntropy(y, t.data as Float64Array, 100, 10); });
