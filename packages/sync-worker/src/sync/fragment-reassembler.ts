import type { BudgetHolder, FragmentBudget } from './fragment-budget.js';
import { FRAGMENT, FrameError, MAX_FRAGMENTS } from './fragments.js';

/**
 * What one missing fragment of an incomplete message counts against the connection's budget, in
 * characters, until its chunk takes its place. Without it a frame announcing 1,000 empty parts
 * would reserve 1,000 slots for free.
 */
export const FRAGMENT_SLOT_CHARS = 64;
/**
 * Incomplete messages one connection may have at once. A TinyBase client sends a message's
 * fragments back to back, so one is the norm; a few leave room for a message that starts while
 * the previous one's last fragments are still travelling.
 */
export const MAX_INCOMPLETE_MESSAGES = 4;
/**
 * How long an incomplete message waits for its missing fragments. Fragments travel back to back
 * on one socket, so a message still incomplete after the synchronizer's own request timeout will
 * never be finished: its slots and characters go back to the budget.
 */
export const INCOMPLETE_MESSAGE_TTL_MS = 60_000;

interface IncompleteMessage {
  readonly chunks: (string | undefined)[];
  missing: number;
  /** Characters this message counts against the budget: its missing slots and its chunks. */
  charged: number;
  readonly startedAt: number;
}

export interface FragmentReassemblerOptions {
  /** The clock incomplete messages expire by. */
  readonly now?: () => number;
  readonly ttlMs?: number;
  /** The budget shared with the object's other connections (fragment-budget.ts). */
  readonly budget?: FragmentBudget;
}

/**
 * Reassembles fragmented messages from one connection. `add` returns the whole remainder once
 * complete, `undefined` while fragments are missing, and throws `FrameError` on nonsense. All
 * it holds is bounded: incomplete messages by count and age, their slots and chunks together by
 * the connection's message budget and by the budget it shares with the object's other
 * connections.
 */
export class FragmentReassembler implements BudgetHolder {
  readonly #incomplete = new Map<string, IncompleteMessage>();
  readonly #now: () => number;
  readonly #ttlMs: number;
  readonly #budget: FragmentBudget | undefined;
  #bufferedChars = 0;

  constructor(
    readonly maxMessageChars: number,
    options: FragmentReassemblerOptions = {},
  ) {
    this.#now = options.now ?? Date.now;
    this.#ttlMs = options.ttlMs ?? INCOMPLETE_MESSAGE_TTL_MS;
    this.#budget = options.budget;
  }

  /** Characters held for incomplete messages, slots included. */
  get bufferedChars(): number {
    return this.#bufferedChars;
  }

  get incompleteMessages(): number {
    return this.#incomplete.size;
  }

  add(remainder: string): string | undefined {
    const match = FRAGMENT.exec(remainder);
    if (match === null) return remainder;
    const [, id = '', indexText = '', totalText = '', chunk = ''] = match;
    const index = Number(indexText);
    const total = Number(totalText);
    if (total < 1 || total > MAX_FRAGMENTS || index >= total) {
      throw new FrameError('malformed', `bad fragment ${index}/${total}`);
    }
    this.expire();
    const message = this.#incomplete.get(id) ?? this.#start(id, total);
    if (message.chunks.length !== total || message.chunks[index] !== undefined) {
      throw new FrameError('malformed', `fragment ${index}/${total} of ${id} does not fit`);
    }
    this.#charge(message, chunk.length - FRAGMENT_SLOT_CHARS);
    message.chunks[index] = chunk;
    message.missing--;
    if (message.missing > 0) return undefined;
    this.#drop(id, message);
    return message.chunks.join('');
  }

  #start(id: string, total: number): IncompleteMessage {
    if (this.#incomplete.size >= MAX_INCOMPLETE_MESSAGES) {
      throw new FrameError('malformed', `over ${MAX_INCOMPLETE_MESSAGES} incomplete messages`);
    }
    const message: IncompleteMessage = {
      chunks: new Array<string | undefined>(total).fill(undefined),
      missing: total,
      charged: 0,
      startedAt: this.#now(),
    };
    this.#charge(message, total * FRAGMENT_SLOT_CHARS);
    this.#incomplete.set(id, message);
    return message;
  }

  /** Gives back everything held: the connection is gone. */
  release(): void {
    for (const [id, message] of this.#incomplete) this.#drop(id, message);
    this.#budget?.leave(this);
  }

  /** Counts `chars` (negative: gives back); throws, counting nothing, when over a budget. */
  #charge(message: IncompleteMessage, chars: number): void {
    if (this.#bufferedChars + chars > this.maxMessageChars) {
      throw new FrameError('tooBig', `fragmented message over ${this.maxMessageChars} characters`);
    }
    if (chars > 0 && this.#budget !== undefined && !this.#budget.take(this, chars)) {
      throw new FrameError(
        'tooBig',
        `the store's unfinished messages over ${this.#budget.maxChars} characters`,
      );
    }
    if (chars < 0) this.#budget?.give(-chars);
    message.charged += chars;
    this.#bufferedChars += chars;
  }

  #drop(id: string, message: IncompleteMessage): void {
    this.#incomplete.delete(id);
    this.#bufferedChars -= message.charged;
    this.#budget?.give(message.charged);
  }

  /** Lets go of incomplete messages past their time (also asked by the shared budget). */
  expire(): void {
    const oldest = this.#now() - this.#ttlMs;
    for (const [id, message] of this.#incomplete) {
      if (message.startedAt < oldest) this.#drop(id, message);
    }
  }
}
