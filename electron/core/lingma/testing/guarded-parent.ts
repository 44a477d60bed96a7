/**
 * Test fixture: a stand-in gateway that starts one long-lived child the way the supervisor does
 * (own process group, tracked), prints the child's pid and waits to be killed.
 */
import { spawn } from 'node:child_process';
import { orphanGuard } from '../orphan-sentinel';
import { trackChild } from '../process-tree';

const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
trackChild(child);
// Only once the sentinel has the pid: a gateway killed earlier than that is not the case tested.
await orphanGuard().settled();
process.stdout.write(`${child.pid}\n`);
setInterval(() => undefined, 60_000);
