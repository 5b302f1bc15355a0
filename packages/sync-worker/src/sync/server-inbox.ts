/**
 * Messages for the server's own copy of the store, delivered in arrival order in a task of
 * their own. The Durable Object relays a client's change to the other clients first; applying
 * it to the server's copy (TinyBase's merge, the SQL writes) in that same task would hold the
 * relayed frames back, because the runtime writes to sockets only once the task has ended.
 * Requests queue behind earlier changes, so the server always answers from an up-to-date copy.
 */
export class ServerInbox<Message> {
  readonly #queue: Message[] = [];

  constructor(
    private readonly deliver: (message: Message) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  push(messages: readonly Message[]): void {
    if (messages.length === 0) return;
    const idle = this.#queue.length === 0;
    this.#queue.push(...messages);
    if (idle) setTimeout(() => this.#drain(), 0);
  }

  #drain(): void {
    // One bad message must not strand the ones behind it.
    for (let message = this.#queue.shift(); message !== undefined; message = this.#queue.shift()) {
      try {
        this.deliver(message);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
