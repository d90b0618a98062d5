// The least a Node program can take for the work of `lynccert request`: start Node, derive the key with
// 600,000 PBKDF2-SHA256 iterations while the key pair is generated, encrypt the key and write it. No site,
// plan, request or keystore: the request bench prints it to show what part of LyncCert's time Node itself sets.
const { createCipheriv, generateKeyPair, pbkdf2, randomBytes } = require("node:crypto");
const { writeFileSync } = require("node:fs");
const { promisify } = require("node:util");

const KEYS = {
  rsa2048: ["rsa", { modulusLength: 2048 }],
  rsa4096: ["rsa", { modulusLength: 4096 }],
  p256: ["ec", { namedCurve: "P-256" }],
};
const [, , keyName, out] = process.argv;
const [type, options] = KEYS[keyName];

Promise.all([promisify(pbkdf2)("bench-passphrase", randomBytes(16), 600_000, 32, "sha256"), promisify(generateKeyPair)(type, options)]).then(([key, pair]) => {
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", key, iv);
  writeFileSync(out, Buffer.concat([iv, cipher.update(pair.privateKey.export({ type: "pkcs8", format: "der" })), cipher.final()]));
});
