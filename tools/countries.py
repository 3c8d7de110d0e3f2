#!/usr/bin/env python3
"""Writes src/i18n/countries.rs: the country names of CLDR in the console's three languages,
for the ISO 3166-1 codes the forms accept (those of the `isocountry` crate, which checks
them). CLDR comes with Babel (`pip install babel`); run again when either changes:

    python3 tools/countries.py ~/.cargo/registry/src/*/isocountry-0.3.2/src/alpha2.rs
"""
import re
import sys

import babel
from babel import Locale

codes = sorted(set(re.findall(r'ISO_A2_[A-Z]+: &str = "([A-Z]{2})"', open(sys.argv[1]).read())))
langs = [Locale("en"), Locale("es"), Locale.parse("pt_BR")]
rows = []
for code in codes:
    names = [l.territories.get(code) for l in langs]
    if None in names:
        sys.exit(f"CLDR has no name for {code}")
    rows.append((code, *names))


def lit(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


out = [
    "//! Country names in the console's languages, from CLDR (Babel "
    + babel.__version__
    + "), for every ISO 3166-1 code",
    "//! the forms accept. Written by `tools/countries.py`; do not edit by hand.",
    "",
    "/// (ISO 3166-1 alpha-2, English, Spanish, Brazilian Portuguese), by code.",
    "pub const COUNTRIES: &[(&str, &str, &str, &str)] = &[",
]
for r in rows:
    out.append("    (" + ", ".join(lit(x) for x in r) + "),")
out.append("];")
open("src/i18n/countries.rs", "w").write("\n".join(out) + "\n")
print(f"{len(rows)} countries")
