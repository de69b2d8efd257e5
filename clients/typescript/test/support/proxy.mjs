// A loopback TCP proxy that can cut every open connection on demand: a network drop, as the client sees it.
import net from 'node:net';

/**
 * Listens on a free loopback port and forwards every connection to `targetUrl`'s host and port.
 * @returns {Promise<{ baseUrl: string, cut: () => number, connections: () => number, close: () => Promise<void> }>}
 */
export async function startProxy(targetUrl) {
  const target = new URL(targetUrl);
  const pairs = new Set();
  let accepted = 0;
  const server = net.createServer(client => {
    accepted++;
    const upstream = net.connect(Number(target.port), target.hostname);
    const pair = { client, upstream };
    pairs.add(pair);
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });

  return {
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    /** Cuts every open connection (both sides, at once); says how many there were. */
    cut() {
      const open = [...pairs];
      for (const { client, upstream } of open) {
        client.destroy();
        upstream.destroy();
      }

      pairs.clear();
      return open.length;
    },
    /** How many connections the proxy accepted so far. */
    connections: () => accepted,
    async close() {
      this.cut();
      await new Promise(resolve => server.close(() => resolve()));
    },
  };
}
