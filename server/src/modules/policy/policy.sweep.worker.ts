// Worker-thread entry of policy matching: compiles the catalogue it is sent (kept by key, the latest few) and evaluates
// chunks with evaluateChunk. Started through policy.sweep.worker.mjs (see there why).
import { parentPort } from 'node:worker_threads';
import { type Catalogue, catalogueFrom } from './policy.catalogue.ts';
import { evaluateChunk } from './policy.sweep.ts';
import type { SweepReply, SweepRequest } from './policy.sweeper.ts';

const KEEP = 4;
const catalogues = new Map<string, Catalogue>();

parentPort!.on('message', (msg: SweepRequest) => {
  let reply: SweepReply;
  try {
    let cat = catalogues.get(msg.key);
    if (!cat && msg.source) {
      cat = catalogueFrom(msg.stamp, msg.source, msg.key);
      catalogues.set(msg.key, cat);
      if (catalogues.size > KEEP) catalogues.delete(catalogues.keys().next().value!);
    }
    reply = cat ? { id: msg.id, output: evaluateChunk(cat, msg.input) } : { id: msg.id, missing: true };
  } catch (e) {
    reply = { id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true });
