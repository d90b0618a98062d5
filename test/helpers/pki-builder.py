"""Builds the certificates of a test PKI from a JSON spec with Python's cryptography, for what openssl 3.0's
x509 command cannot make: validity in the past (an expired root), cross-signs of one key by two issuers, and
Microsoft application policies. Usage: pki-builder.py SPEC.json OUT_DIR; writes OUT_DIR/<name>.pem for each.

spec: {"keys": ["k1", ...], "certs": [{"name", "subject" (CN), "key", "issuer" (a cert name, or itself),
"signer" (a key name), "ca", "notBefore", "notAfter" (YYYY-MM-DD), "eku": [oids], "appPolicies": [oids],
"san": [dns], "cdp": url, "raw": [{"oid", "critical", "hex"}]}]}
"""
import datetime
import json
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID, ObjectIdentifier

spec = json.loads(Path(sys.argv[1]).read_text())
out = Path(sys.argv[2])
keys = {name: ec.generate_private_key(ec.SECP256R1()) for name in spec["keys"]}
subjects = {c["name"]: x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, c["subject"])] if c["subject"] else []) for c in spec["certs"]}


def day(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.timezone.utc)


def der_length(n):
    return bytes([n]) if n < 128 else bytes([0x81, n]) if n < 256 else bytes([0x82, n >> 8, n & 0xFF])


def application_policies(oids):
    # The same syntax as certificatePolicies: SEQUENCE OF SEQUENCE { policyIdentifier }.
    policies = x509.CertificatePolicies([x509.PolicyInformation(ObjectIdentifier(o), None) for o in oids])
    return x509.UnrecognizedExtension(ObjectIdentifier("1.3.6.1.4.1.311.21.10"), policies.public_bytes())


for i, c in enumerate(spec["certs"]):
    key = keys[c["key"]]
    b = (
        x509.CertificateBuilder()
        .subject_name(subjects[c["name"]])
        .issuer_name(subjects[c["issuer"]])
        .public_key(key.public_key())
        .serial_number(1000 + i)
        .not_valid_before(day(c.get("notBefore", "2024-01-01")))
        .not_valid_after(day(c.get("notAfter", "2040-01-01")))
        .add_extension(x509.BasicConstraints(ca=c.get("ca", False), path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(keys[c["signer"]].public_key()), critical=False)
    )
    if c.get("ca"):
        b = b.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
    else:
        b = b.add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
    if "eku" in c:
        b = b.add_extension(x509.ExtendedKeyUsage([ObjectIdentifier(o) for o in c["eku"]]), critical=False)
    if "appPolicies" in c:
        b = b.add_extension(application_policies(c["appPolicies"]), critical=False)
    if c.get("san"):
        b = b.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in c["san"]]), critical=False)
    if c.get("cdp"):
        b = b.add_extension(x509.CRLDistributionPoints([x509.DistributionPoint([x509.UniformResourceIdentifier(c["cdp"])], None, None, None)]), critical=False)
    for raw in c.get("raw", []):
        b = b.add_extension(x509.UnrecognizedExtension(ObjectIdentifier(raw["oid"]), bytes.fromhex(raw["hex"])), critical=raw["critical"])
    cert = b.sign(keys[c["signer"]], hashes.SHA256())
    (out / f"{c['name']}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
