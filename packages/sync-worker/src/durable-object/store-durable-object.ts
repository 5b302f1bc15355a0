import { WsServerDurableObject } from 'tinybase/synchronizers/synchronizer-ws-server-durable-object';

/** One per store id: relays TinyBase sync messages between the store's clients. */
export class StoreDurableObject extends WsServerDurableObject {}
