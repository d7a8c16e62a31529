/** Shapes the WFM context stores in JSON columns and hands to presenters. */
import type { ForecastAdjustment, ForecastMethod } from './domain/forecast.ts';
import type { ScheduleAgent, ScheduleOptions, ShiftTemplate } from './domain/schedule.ts';

/** The service target a staffing plan was computed for. */
export interface StaffingParams {
  slTarget: number;
  slSeconds: number;
  shrinkage: number;
  maxOccupancy: number;
  patienceSeconds?: number;
  /** One AHT used for every interval instead of the forecast's. */
  ahtSeconds?: number;
}

/** A staffing plan per interval, column-wise (one array per measure, aligned with the forecast's intervals). */
export interface StaffingPlanStored {
  model: 'erlangC' | 'erlangA';
  rawAgents: number[];
  agents: number[];
  serviceLevel: number[];
  asaSeconds: number[];
  occupancy: number[];
  waitProbability: number[];
  abandonRate?: number[];
  peakRawAgents: number;
  peakAgents: number;
  /** Σ rawAgents × interval length: the scheduling lower bound, agent-hours. */
  requiredAgentHours: number;
}

export interface ForecastOptionsStored {
  method: 'auto' | ForecastMethod;
  horizonWeeks: number;
  holdoutDays?: number;
  profileWeeks?: number;
  adjustments: ForecastAdjustment[];
}

export interface ScheduleInputStored {
  agents: ScheduleAgent[];
  templates: ShiftTemplate[];
  minRestBetweenShiftsMinutes?: number;
  options: ScheduleOptions;
  /** Generator figures not in the metrics: sweeps run and milliseconds taken. */
  sweeps: number;
  elapsedMs: number;
}
