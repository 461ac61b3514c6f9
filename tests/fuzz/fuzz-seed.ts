// The fuzz runs' seed: fixed by default, so a test run is reproducible; FUZZ_SEED=N replays a reported seed and
// FUZZ_SEED=random (as `npm run fuzz:long` sets) explores new inputs on every run.
const requested = process.env.FUZZ_SEED;

export const FUZZ_SEED: number | undefined = requested === 'random' ? undefined : Number(requested ?? 20_261_126);
