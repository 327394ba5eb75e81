// Shared by the fuzz suites: a seeded fast-check run that counts and prints the inputs it tried, and the
// check every refusal must pass (an Error of our own, whose message names the problem, not an internal one).
import fc from "fast-check";
import { expect } from "vitest";

/** The seed of every suite: a failure found once is found again, in CI and on a laptop. */
export const SEED = 13;

/**
 * Runs `check` on `runs` generated inputs (it returns whether the input was accepted); prints how many it
 * tried and how many were accepted and refused, and returns how many it tried.
 */
export function fuzz<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  check: (input: T) => boolean,
  runs: number,
): number {
  let tried = 0,
    accepted = 0;
  fc.assert(
    fc.property(arbitrary, (input) => {
      tried++;
      if (check(input)) accepted++;
    }),
    { seed: SEED, numRuns: runs },
  );
  console.log(`fuzz ${name}: ${tried} inputs (${accepted} accepted, ${tried - accepted} refused)`);
  return tried;
}

/** The same for checks that return a promise. */
export async function fuzzAsync<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  check: (input: T) => Promise<boolean>,
  runs: number,
): Promise<number> {
  let tried = 0,
    accepted = 0;
  await fc.assert(
    fc.asyncProperty(arbitrary, async (input) => {
      tried++;
      if (await check(input)) accepted++;
    }),
    { seed: SEED, numRuns: runs },
  );
  console.log(`fuzz ${name}: ${tried} inputs (${accepted} accepted, ${tried - accepted} refused)`);
  return tried;
}

/**
 * Asserts a refusal is ours: an Error (not a TypeError or RangeError from deep inside, which would mean an
 * input got further than it should), with a message that matches `names` (which says what was wrong).
 */
export function expectRefusal(error: unknown, names: RegExp): void {
  expect(error).toBeInstanceOf(Error);
  const e = error as Error;
  expect(e.constructor === TypeError || e.constructor === RangeError, `${e.name}: ${e.message}`).toBe(false);
  expect(e.message).toMatch(names);
}

/** Calls f; "accepted" with its value, or checks the refusal and says "refused". */
export function attempt<T>(f: () => T, names: RegExp): { accepted: true; value: T } | { accepted: false } {
  let value: T;
  try {
    value = f();
  } catch (error) {
    expectRefusal(error, names);
    return { accepted: false };
  }
  return { accepted: true, value };
}
