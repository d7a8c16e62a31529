/**
 * A small, fast, seedable pseudo-random source (mulberry32). Domain cores take a `RandomSource`
 * instead of calling Math.random, so a seed reproduces a whole run.
 */
export interface RandomSource {
  /** Uniform in [0, 1). */
  next(): number;
}

export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

export const mathRandom: RandomSource = { next: () => Math.random() };

/** Exponential variate with the given mean. */
export function exponential(rng: RandomSource, mean: number): number {
  return -mean * Math.log(1 - rng.next());
}

/** Standard normal variate (Box–Muller). */
export function standardNormal(rng: RandomSource): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Lognormal variate parameterised by its own mean and standard deviation (not those of the log). */
export function lognormal(rng: RandomSource, mean: number, sd: number): number {
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  const mu = Math.log(mean) - sigma2 / 2;
  return Math.exp(mu + Math.sqrt(sigma2) * standardNormal(rng));
}

/** Poisson variate; inversion for small means, normal approximation with continuity for large ones. */
export function poisson(rng: RandomSource, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 500) return Math.max(0, Math.round(mean + Math.sqrt(mean) * standardNormal(rng)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k += 1;
    p *= rng.next();
  }
  return k;
}
