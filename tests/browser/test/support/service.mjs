// The service for the page tests: the API process the client tests use (the Debug build that dotnet test makes), behind
// the same loopback proxy, so a test can cut every open connection as a network drop does.
import { apiSkipReason, startApi as startProcess } from '../../../../clients/typescript/test/support/api.mjs';
import { startProxy } from '../../../../clients/typescript/test/support/proxy.mjs';

export { repoRoot } from '../../../../clients/typescript/test/support/api.mjs';

/** Why the page tests cannot run (undefined when they can). */
export const apiMissing = apiSkipReason();

export async function startApi(settings = {}) {
  const api = await startProcess(settings);
  const proxy = await startProxy(api.baseUrl);
  return {
    baseUrl: proxy.baseUrl,
    proxy,
    async stop() {
      await proxy.close();
      await api.stop();
    },
  };
}
