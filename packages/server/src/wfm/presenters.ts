/** The only path from WFM rows and results to JSON. */
import type { StaffingResult } from './domain/erlang.ts';

export const presentStaffing = (result: StaffingResult) => ({
  model: result.abandonRate === undefined ? ('erlangC' as const) : ('erlangA' as const),
  rawAgents: result.rawAgents,
  agents: result.agents,
  serviceLevel: result.serviceLevel,
  asaSeconds: result.asaSeconds,
  occupancy: result.occupancy,
  waitProbability: result.waitProbability,
  ...(result.abandonRate === undefined ? {} : { abandonRate: result.abandonRate }),
  trafficErlangs: result.trafficErlangs,
});
