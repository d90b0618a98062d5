/**
 * Random hex for unique names, from the global WebCrypto: loading node:crypto only for this cost every CLI
 * command several milliseconds of start-up.
 */
export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("");
}
