"""Facts of every certificate in a folder, as Python's cryptography reads them (the independent judge).

One JSON object per line: the fields LyncCert's validator relies on, or the error cryptography gave.
"""
import json
import sys
import warnings
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtensionOID, NameOID


def field(read):
    try:
        return read()
    except Exception as e:  # a malformed extension is a fact too
        return {"error": type(e).__name__}


def extension(cert, oid):
    try:
        return cert.extensions.get_extension_for_oid(oid).value
    except x509.ExtensionNotFound:
        return None


def key(cert):
    k = cert.public_key()
    if isinstance(k, rsa.RSAPublicKey):
        return f"rsa {k.key_size}"
    if isinstance(k, ec.EllipticCurvePublicKey):
        return f"ec {k.curve.name}"
    return "other"  # LyncCert names RSA and EC keys only (COMMON-KEY-ALG); any other is refused alike


def iso(t):
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:{t.second:02d}Z"


def facts(cert):
    return {
        "serial": format(cert.serial_number, "X") if cert.serial_number >= 0 else "negative",
        "notBefore": iso(cert.not_valid_before_utc),
        "notAfter": iso(cert.not_valid_after_utc),
        "sanDns": field(lambda: None if (s := extension(cert, ExtensionOID.SUBJECT_ALTERNATIVE_NAME)) is None else [n.lower() for n in s.get_values_for_type(x509.DNSName)]),
        "eku": field(lambda: None if (e := extension(cert, ExtensionOID.EXTENDED_KEY_USAGE)) is None else [o.dotted_string for o in e]),
        "cdp": field(lambda: None if (c := extension(cert, ExtensionOID.CRL_DISTRIBUTION_POINTS)) is None else [n.value for dp in c for n in (dp.full_name or []) if isinstance(n, x509.UniformResourceIdentifier)]),
        "signatureOid": cert.signature_algorithm_oid.dotted_string,
        "key": field(lambda: key(cert)),
        "cn": field(lambda: [a.value for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]),
    }


warnings.simplefilter("ignore")  # cryptography warns on the corpus's deliberate defects; the facts are what count
for path in sorted(Path(sys.argv[1]).iterdir()):
    if path.suffix not in (".pem", ".der"):
        continue
    data = path.read_bytes()
    try:
        if path.suffix == ".der":
            cert = x509.load_der_x509_certificate(data)
        else:
            start = data.index(b"-----BEGIN CERTIFICATE-----")
            cert = x509.load_pem_x509_certificate(data[start:])
        out = {"file": path.name, **facts(cert)}
    except Exception as e:
        out = {"file": path.name, "unreadable": type(e).__name__}
    print(json.dumps(out))
