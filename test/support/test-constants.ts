/** Password of every demo user in the test template database. */
export const TEST_PASSWORD = 'test-password-1';

/**
 * The budget of a test that sweeps every route (the fuzz tests, the role matrix). Its work grows
 * with the API, and its time with the machine's load: about 10 s alone on 2 cores, many times that
 * on a machine shared with other test runs. The suite's 30 s is a budget for one behaviour, not for
 * the whole API; a sweep that hangs still fails, after three minutes.
 */
export const SWEEP_TIMEOUT_MS = 180_000;
