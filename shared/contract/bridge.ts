import type { Result } from '../result';
import type { ChannelInput, ChannelOutput, EventPayload } from './contract';
import type { Channel, EventName } from './names';

/** What the preload exposes as `window.keydeck`, and what the E2E harness imitates. Untyped on purpose: the wire is. */
export interface KeydeckBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export interface KeydeckClient {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The renderer's typed view of the bridge. Main validates both directions, so no parsing here. */
export function createClient(bridge: KeydeckBridge): KeydeckClient {
  return {
    invoke: (channel, input) => bridge.invoke(channel, input) as Promise<never>,
    on: (event, listener) => bridge.on(event, listener as (payload: unknown) => void),
  };
}
