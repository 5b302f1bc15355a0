import { createApp } from './app.ts';

export { StoreDurableObject } from './durable-object/store-durable-object.ts';

export default createApp();
