/**
 * The one error type of the WFM core. `code` is stable (routes map it to an i18n message and a 400),
 * and `field` names the input at fault, so a form can highlight it and a CLI can name the flag.
 */
export type WfmErrorCode =
  | 'wfm.invalid_input'
  | 'wfm.impossible_target'
  | 'wfm.empty_history'
  | 'wfm.malformed_history'
  | 'wfm.history_too_short'
  | 'wfm.no_feasible_shift'
  | 'wfm.infeasible_contract';

export class WfmInputError extends Error {
  override readonly name = 'WfmInputError';

  constructor(
    readonly code: WfmErrorCode,
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Throws `wfm.invalid_input` for `field` unless `ok`; keeps the many range checks to one line each. */
export function requireInput(ok: boolean, field: string, message: string): void {
  if (!ok) throw new WfmInputError('wfm.invalid_input', field, message);
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
