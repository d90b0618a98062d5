/**
 * Tokenizers small enough to read, for what LyncCert generates: PowerShell by the rules of its own
 * tokenizer (single quotes U+0027 and U+2018–U+201B, double quotes U+0022 and U+201C–U+201E, doubled
 * quotes, backtick escapes, `$( )` subexpressions, `#` comments to the end of the line) and certreq INF
 * values (doubled `"`, `%%`). Tests compare a script made from hostile names with one made from a benign name.
 */
export type PsToken = { kind: "code" | "sq" | "dq" | "comment" | "nl"; text: string };

const SQ = new Set(["'", "\u2018", "\u2019", "\u201A", "\u201B"]);
const DQ = new Set(['"', "\u201C", "\u201D", "\u201E"]);

export function powershellTokens(src: string): PsToken[] {
  const out: PsToken[] = [];
  let i = 0;
  const push = (kind: PsToken["kind"], text: string) => {
    const last = out[out.length - 1];
    if (kind === "code" && last?.kind === "code") last.text += text;
    else out.push({ kind, text });
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === "\r" || c === "\n") {
      i += c === "\r" && src[i + 1] === "\n" ? 2 : 1;
      push("nl", "");
    } else if (c === "#") {
      let j = i;
      while (j < src.length && src[j] !== "\r" && src[j] !== "\n") j++;
      push("comment", src.slice(i + 1, j));
      i = j;
    } else if (SQ.has(c)) {
      let value = "";
      i++;
      for (;;) {
        if (i >= src.length) throw new Error("unterminated single-quoted string");
        const d = src[i]!;
        if (SQ.has(d)) {
          if (SQ.has(src[i + 1] ?? "")) {
            value += d;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += d;
        i++;
      }
      push("sq", value);
    } else if (DQ.has(c)) {
      const end = scanExpandable(src, i + 1);
      push("dq", src.slice(i, end));
      i = end;
    } else {
      push("code", c);
      i++;
    }
  }
  return out;
}

/** Index just after the closing double quote of an expandable string starting at `i`. */
function scanExpandable(src: string, i: number): number {
  while (i < src.length) {
    const d = src[i]!;
    if (d === "`") i += 2;
    else if (DQ.has(d)) {
      if (DQ.has(src[i + 1] ?? "")) i += 2;
      else return i + 1;
    } else if (d === "$" && src[i + 1] === "(") i = scanSubexpression(src, i + 2);
    else i++;
  }
  throw new Error("unterminated double-quoted string");
}

function scanSubexpression(src: string, i: number): number {
  let depth = 1;
  while (i < src.length && depth > 0) {
    const d = src[i]!;
    if (d === "(") depth++;
    else if (d === ")") depth--;
    else if (SQ.has(d)) i = powershellTokensEnd(src, i);
    else if (DQ.has(d)) {
      i = scanExpandable(src, i + 1);
      continue;
    }
    i++;
  }
  return i;
}

function powershellTokensEnd(src: string, i: number): number {
  i++;
  while (i < src.length) {
    if (SQ.has(src[i]!)) {
      if (SQ.has(src[i + 1] ?? "")) i += 2;
      else return i;
    } else i++;
  }
  throw new Error("unterminated single-quoted string");
}

/** An INF line's quoted value, decoded as the INF parser does; undefined when the line has none. */
export function infQuotedValue(line: string): string | undefined {
  const start = line.indexOf('"');
  if (start < 0) return undefined;
  let value = "";
  let i = start + 1;
  for (;;) {
    if (i >= line.length) throw new Error(`unterminated INF string in ${line}`);
    const c = line[i]!;
    if (c === '"') {
      if (line[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      break;
    }
    if (c === "%") {
      if (line[i + 1] !== "%") throw new Error(`a lone % would start a string substitution in ${line}`);
      value += "%";
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  const rest = line.slice(i + 1).trim();
  if (rest !== "" && !rest.startsWith(";")) throw new Error(`text after the INF string: ${rest}`);
  return value;
}
