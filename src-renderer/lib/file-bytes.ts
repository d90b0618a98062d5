/** A dropped or chosen file's bytes as Base64, the form the bridge carries certificate files in. */
export async function fileBase64(file: File): Promise<{ bytes: Uint8Array; base64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return { bytes, base64: btoa(binary) };
}
