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
  /** The report as lines: a header, at most MAX_LISTED problems, and how many more there are. */
  readonly lines: readonly string[];
  constructor(source: string, problems: readonly InputError[], total = problems.length) {
    const lines = [
      `${source}: ${total} problem${total === 1 ? "" : "s"}:`,
      ...problems.slice(0, MAX_LISTED).map((p) => `  - ${p.message}`),
      ...(total > MAX_LISTED ? [`  - … and ${total - MAX_LISTED} more`] : []),
    ];
    super(lines.join("\n"));
    this.problems = problems;
    this.lines = lines;
  }
}

/** Enough to fix a first round; a huge hostile input cannot make a huge report. */
const MAX_LISTED = 20;
