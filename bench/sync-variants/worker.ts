// The two baselines: TinyBase's WsServerDurableObject as a bare relay (no auth, no validation,
// no persistence), and the same with TinyBase's stock DO SQL persister in fragmented mode.
// Both use the request timeout TinySync uses (30 s), so only the server's work differs.
import { createMergeableStore } from 'tinybase';
import { createDurableObjectSqlStoragePersister } from 'tinybase/persisters/persister-durable-object-sql-storage';
import {
  getWsServerDurableObjectFetch,
  WsServerDurableObject,
} from 'tinybase/synchronizers/synchronizer-ws-server-durable-object';

export class BareRelay extends WsServerDurableObject {
  getRequestTimeoutSeconds() {
    return 30;
  }
}

export class StockFragmentedPersister extends WsServerDurableObject {
  createPersister() {
    return createDurableObjectSqlStoragePersister(createMergeableStore(), this.ctx.storage.sql, {
      mode: 'fragmented',
      storagePrefix: 'bench_',
    });
  }
  getRequestTimeoutSeconds() {
    return 30;
  }
}

const bare = getWsServerDurableObjectFetch('BARE');
const stock = getWsServerDurableObjectFetch('STOCK');

export default {
  fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === '/health') return new Response('ok');
    return pathname.startsWith('/stock-') ? stock(request, env) : bare(request, env);
  },
};
