"""Turn Polish municipal social-assistance reports into structured, checked data."""

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

__version__ = "0.2.0"
# Files that only read the dataset (the check, evaluation, command line): editing them changes no row.
READ_SIDE = {f"extract/{name}" for name in ("__main__.py", "audit.py", "audit_html.py", "check.py", "check_text.py", "check_years.py",
                                             "rulebook.py", "rulebook.yaml", "report_page.py", "finding_places.py",
                                             "cli.py", "evaluate.py", "lock.py")}


def schemas_dir() -> Path:
    """The table schemas: inside the installed package, or ``schemas/`` beside it in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "schemas"
    return installed if installed.is_dir() else package.parent / "schemas"


@cache
def extractor_version() -> str:
    """``__version__`` and a digest of what decides the rows: the package's code and rule files
    (but :data:`READ_SIDE`) and the table schemas ("0.2.0+1a2b3c4d5e6f"). Editing a rule changes
    it, so the next incremental run reads every file again instead of keeping rows the new rules
    would not give."""
    package = Path(__file__).resolve().parent
    schemas = schemas_dir()
    files = sorted([*package.rglob("*.py"), *package.rglob("*.yaml"), *package.rglob("*.tsv"), *schemas.glob("*.yaml")])
    digest = hashlib.sha256()
    for file in files:
        name = f"schemas/{file.name}" if file.parent == schemas else file.relative_to(package.parent).as_posix()
        if "__pycache__" not in file.parts and name not in READ_SIDE:
            digest.update(name.encode() + b"\0" + file.read_bytes() + b"\0")
    return f"{__version__}+{digest.hexdigest()[:12]}"


def load(out: str | Path, table: str) -> Any:
    """A table of a dataset as a pandas DataFrame, after completing a commit a killed run left
    half done (``pandas.read_parquet`` alone could then see tables of two runs side by side):
    ``extract.load("output", "documents")``. Waits for a run that holds the folder's lock.
    """
    import pandas as pd

    from extract.dataset import MANIFEST, finish_commit
    from extract.lock import writing

    folder = Path(out)
    if (folder / MANIFEST).exists():
        with writing(folder, wait=True):
            finish_commit(folder)
    return pd.read_parquet(folder / table)
