// How many fast-check runs a property test makes. Mutation testing (scripts/mutation-modules.mjs)
// sets PROPERTY_RUNS to cap them: every mutant covered by a property test runs it again, so 3 000
// runs per mutant would make a module of 1 000 mutants take hours; the example tests beside the
// property tests carry the mutants the capped runs miss. `npm test` leaves it unset: full counts.

/** The run count for a property test: `runs`, or PROPERTY_RUNS when that is set and smaller. */
export function propertyRuns(runs: number): number {
  const cap = Number(process.env.PROPERTY_RUNS);
  return Number.isInteger(cap) && cap > 0 ? Math.min(runs, cap) : runs;
}
