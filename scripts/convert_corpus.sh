#!/usr/bin/env bash
# Save the corpus reports (.docx) as .odt, .fodt, .rtf and .doc with LibreOffice, into tests/formats/:
# the reader tests check that every format gives the figures of the .docx.
# Needs LibreOffice Writer (Debian/Ubuntu: apt-get install libreoffice-writer-nogui).
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/formats
mkdir -p "$out"
for report in corpus/*.docx; do
  for format in odt fodt rtf doc; do
    soffice --headless --norestore --convert-to "$format" --outdir "$out" "$report" >/dev/null
  done
done
ls -l "$out"
