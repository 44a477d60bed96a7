/**
 * Free loopback ports for a child's `--socketPort`/`--httpPort` (§3.2: never the 37010/37510
 * defaults, two instances would collide). Bind to port 0, read the port, close: there is a short
 * race until the child binds it, which the supervisor covers by retrying the spawn.
 */
import { createServer, type AddressInfo } from 'node:net';

/** One port the OS says is free on 127.0.0.1 right now. */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `count` distinct free ports. */
export async function findFreePorts(
  count: number,
  find: () => Promise<number> = findFreePort,
): Promise<number[]> {
  const ports = new Set<number>();
  // Ports found one after the other can repeat once the first is closed again.
  for (let tries = 0; ports.size < count; tries++) {
    if (tries > count * 10) throw new Error('could not find enough free loopback ports');
    ports.add(await find());
  }
  return [...ports];
}
