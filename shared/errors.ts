/**
 * Bad input from the admin: a site file field, a CLI option, a file that cannot be used.
 * `field` names where the problem is; `rule` the reference rule that refuses it, when one does.
 */
export class InputError extends Error {
  readonly field: string | undefined;
  readonly rule: string | undefined;
  constructor(message: string, options: { field?: string; rule?: string } = {}) {
    super(message);
    this.name = "InputError";
    this.field = options.field;
    this.rule = options.rule;
  }
}

/** Several problems found in one input (a site file), reported together so one fix round suffices. */
export class InputErrors extends InputError {
  readonly problems: readonly InputError[];
  constructor(source: string, problems: readonly InputError[]) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` + problems.map((p) => `  - ${p.message}`).join("\n"));
    this.problems = problems;
  }
}
