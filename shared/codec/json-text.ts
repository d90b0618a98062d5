import { InputError } from "../errors";

/**
 * Parses JSON the admin supplied. The error names the file, line and column, never the text itself:
 * JSON.parse quotes the input in its message, and the wrong file may be a passphrase file.
 */
export function parseJsonText(text: string, source: string, field = source): unknown {
  const body = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(body);
  } catch (e) {
    throw new InputError(`${source}: not valid JSON at ${lineAndColumn(body, errorOffset(body, (e as Error).message))}`, { field });
  }
}

const END_OF_INPUT = /Unexpected end of JSON input/;

/**
 * Where the first syntax error is. V8 names the position in some messages only ("Unexpected token ',', ...
 * is not valid JSON" has none), so otherwise: the shortest prefix that fails for another reason than its end
 * (a prefix of valid JSON fails only where it ends), found by bisection.
 */
function errorOffset(text: string, message: string): number {
  const at = /position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const failsInside = (k: number) => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (e) {
      // Running out of text is not the error: "end of JSON input", or a position at the prefix's very end.
      const m = (e as Error).message;
      const p = /position (\d+)/.exec(m);
      return p ? Number(p[1]) < k : !END_OF_INPUT.test(m);
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid + 1)) hi = mid;
    else lo = mid + 1;
  }
  return Math.min(lo, text.length);
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return `line ${line}, column ${offset - before.lastIndexOf("\n")}`;
}
