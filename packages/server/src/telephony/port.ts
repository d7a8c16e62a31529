/**
 * The telephony port: how voice reaches the platform. The simulator is the built-in adapter; a SIP
 * adapter (Kamailio + rtpengine) or a FreeSWITCH/Asterisk one implements the same interface, so
 * routing and the contact lifecycle never change with the switch behind them. Calls are named by
 * the platform's interaction id; an adapter maps its own call ids to it.
 */
export type TelephonyEvent =
  /** A caller reached a dialled number; the adapter picks the interaction id (a UUID). */
  | { type: 'call_arrived'; interactionId: string; hotline: string; caller: string; at: number }
  /** The digits gathered for the last `collect`. */
  | { type: 'dtmf'; interactionId: string; digits: string; at: number }
  /** The last `collect` ran out of time with nothing entered. */
  | { type: 'no_input'; interactionId: string; at: number }
  /** The caller's side hung up (in the IVR, in queue or in conversation). */
  | { type: 'hung_up'; interactionId: string; at: number };

export interface SpokenPrompt {
  text: string;
  language: 'zh-CN' | 'en';
  audioFileId: string | null;
}

export interface CollectRequest {
  prompts: SpokenPrompt[];
  minDigits: number;
  maxDigits: number;
  terminator: string | null;
  timeoutSeconds: number;
}

export interface TelephonyPort {
  /** True for the simulator: its contacts are marked simulated, so reports can tell them apart. */
  readonly simulated: boolean;
  /** Subscribes the platform to call events; the adapter calls it for every event, in order per call. */
  onEvent(listener: (event: TelephonyEvent) => void): void;
  answer(interactionId: string): Promise<void>;
  play(interactionId: string, prompts: SpokenPrompt[]): Promise<void>;
  /** Plays the prompts, then gathers digits; the answer comes back as a `dtmf` or `no_input` event. */
  collect(interactionId: string, request: CollectRequest): Promise<void>;
  /** Connects the caller to the agent's device. */
  bridge(interactionId: string, agentId: string): Promise<void>;
  hold(interactionId: string): Promise<void>;
  resume(interactionId: string): Promise<void>;
  /** Adds a third party (agent or supervisor) to the call; `mode` is how a supervisor joins. */
  conference(interactionId: string, agentId: string, mode: 'conference' | 'monitor' | 'whisper' | 'barge'): Promise<void>;
  hangup(interactionId: string): Promise<void>;
}
