/**
 * The one form in which LyncCert uses every password and passphrase (keystore, PEM key, PFX bags and MAC):
 * Unicode NFC. Keyboards and input methods type precomposed characters (ö, not o + U+0308), so a password
 * typed on the Windows server opens a file made from a pasted decomposed one. Key derivation and MAC
 * must agree: a file whose bags and MAC used different forms opens nowhere.
 */
export function passwordForm(password: string): string {
  return password.normalize("NFC");
}
