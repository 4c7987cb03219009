// A worker of the parse pool (parse-pool.ts): opens the files it is given, answers each ask with a file's next
// batch.
import { parentPort } from 'node:worker_threads';
import { type FilePlan, FileParser } from './file-parser.ts';

const files = new Map<number, FileParser>();

parentPort!.on('message', (m: { id: number; plan?: FilePlan }) => {
  try {
    if (m.plan) files.set(m.id, new FileParser(m.plan));
    else {
      const batch = files.get(m.id)!.next();
      parentPort!.postMessage({ id: m.id, batch }, [batch.at.buffer, batch.text.buffer, batch.ends.buffer]);
    }
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: (e as Error).message });
  }
});
