import { Worker } from 'node:worker_threads';
const w = new Worker('/tmp/pooltest/w.mjs');
w.on('exit', () => console.log('exit'));
