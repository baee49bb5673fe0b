/**
 * The training worker: receives one TrainRequest, runs the session and posts
 * its events. Started by network-view.ts as a module worker.
 */
import type { TrainRequest, WorkerEvent } from './protocol.js';
import { runSession } from './session.js';

/** The part of the worker scope this file uses (the DOM lib types `self` as a Window). */
interface WorkerScope {
  postMessage(event: WorkerEvent): void;
  onmessage: ((message: MessageEvent<TrainRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (message) => {
  try {
    runSession(message.data.config, (event) => scope.postMessage(event));
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
};
