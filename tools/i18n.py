"""Keep enplan's translations up to date (GNU gettext tools).

    python tools/i18n.py            # extract, merge into every .po, compile the .mo files
    python tools/i18n.py extract    # only write src/enplan/locale/enplan.pot
    python tools/i18n.py compile    # only compile the .po files (msgfmt --check)
    python tools/i18n.py check      # exit 1 if a msgid in the sources is missing or untranslated

``make i18n`` runs the first. Msgids are what the sources pass to ``_()``,
``N_()``, ``ngettext()`` and ``Phrase()``. The compiled ``.mo`` files are
committed, so running the app never needs gettext. Files are only rewritten
when more than their timestamps changed, so a run without changes leaves
git clean.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "src" / "enplan"
LOCALE = SOURCES / "locale"
POT = LOCALE / "enplan.pot"
DOMAIN = "enplan"
LANGUAGES = ("da",)
PLURAL_FORMS = {"da": "nplurals=2; plural=(n != 1);"}
KEYWORDS = ("_", "N_", "ngettext:1,2", "Phrase")
TOOLS = ("xgettext", "msgmerge", "msgattrib", "msgfmt")
_DATES = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"$', re.M)


class ToolMissing(RuntimeError):
    pass


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def _run(*args: str | Path) -> str:
    if shutil.which(str(args[0])) is None:
        raise ToolMissing(f"{args[0]} is not installed (apt install gettext)")
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{args[0]} failed:\n{done.stderr.strip()}")
    return done.stderr


def po_path(lang: str, locale: Path = LOCALE) -> Path:
    return locale / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def source_files(sources: Path = SOURCES) -> list[Path]:
    return sorted(p for p in sources.rglob("*.py") if "__pycache__" not in p.parts)


def extract(out: Path, sources: Path = SOURCES) -> Path:
    """Every msgid in the sources, as a .pot file at ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "files"
        listing.write_text("\n".join(str(p.relative_to(ROOT)) for p in source_files(sources)) + "\n",
                           encoding="utf-8")
        _run("xgettext", "--language=Python", "--from-code=UTF-8", *(f"--keyword={k}" for k in KEYWORDS),
             "--add-comments=TRANSLATORS:", "--add-location=file", "--no-wrap", f"--package-name={DOMAIN}",
             "--directory", ROOT, "--files-from", listing, "--output", out)
    _add_missed(out, sources)
    return out


def source_msgids(sources: Path = SOURCES) -> dict[tuple[str, str | None], str]:
    """(msgid, msgid_plural) -> file, for every keyword call with literal arguments.

    Read from the syntax tree, so it also sees calls inside f-strings,
    which xgettext skips (``f"{_('now')}"``)."""
    found: dict[tuple[str, str | None], str] = {}
    names = {k.split(":")[0] for k in KEYWORDS}
    for path in source_files(sources):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names):
                continue
            texts = [a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            plural = node.func.id == "ngettext"
            if len(texts) >= (2 if plural else 1):
                key = (texts[0], texts[1] if plural else None)
                found.setdefault(key, str(path.relative_to(ROOT)))
    return found


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _add_missed(pot: Path, sources: Path = SOURCES) -> None:
    """Append the msgids xgettext missed (calls inside f-strings) to the .pot."""
    have = {(e.msgid, e.msgid_plural) for e in read_po(pot)}
    extra = []
    for (msgid, plural), where in source_msgids(sources).items():
        if (msgid, plural) in have:
            continue
        lines = [f"#: {where}"] + (["#, python-brace-format"] if "{" in msgid else []) + [f"msgid {_po_string(msgid)}"]
        lines += [f"msgid_plural {_po_string(plural)}", 'msgstr[0] ""', 'msgstr[1] ""'] if plural else ['msgstr ""']
        extra.append("\n".join(lines))
    if extra:
        with pot.open("a", encoding="utf-8") as fh:
            fh.write("\n" + "\n\n".join(extra) + "\n")


def _replace_if_changed(new: Path, target: Path) -> bool:
    """Move ``new`` over ``target`` unless they differ only in their timestamps."""
    text = new.read_text(encoding="utf-8")
    if target.exists() and _DATES.sub("", target.read_text(encoding="utf-8")) == _DATES.sub("", text):
        new.unlink()
        return False
    new.replace(target)
    return True


def update_pot() -> bool:
    tmp = POT.with_suffix(".pot.new")
    extract(tmp)
    return _replace_if_changed(tmp, POT)


def merge(lang: str) -> bool:
    """Merge the .pot into a language's .po (a new .po starts from the .pot)."""
    po = po_path(lang)
    po.parent.mkdir(parents=True, exist_ok=True)
    if not po.exists():
        text = POT.read_text(encoding="utf-8")
        text = text.replace('"Language: \\n"', f'"Language: {lang}\\n"')
        text = text.replace("charset=CHARSET", "charset=UTF-8")
        text = re.sub(r'"Plural-Forms: .*\\n"', f'"Plural-Forms: {PLURAL_FORMS[lang]}\\\\n"', text)
        po.write_text(text, encoding="utf-8")
        return True
    tmp = po.with_suffix(".po.new")
    _run("msgmerge", "--quiet", "--no-wrap", "--add-location=file", "--previous", "--output-file", tmp, po, POT)
    _run("msgattrib", "--no-obsolete", "--no-wrap", "--output-file", tmp, tmp)  # msgids gone from the sources
    return _replace_if_changed(tmp, po)


def compile_mo(po: Path, mo: Path | None = None) -> Path:
    """``msgfmt --check`` the .po into its .mo (beside it unless ``mo`` is given)."""
    mo = mo or po.with_suffix(".mo")
    _run("msgfmt", "--check", "--output-file", mo, po)
    return mo


# -- reading .po files (no gettext tools needed) -------------------------------------------
@dataclass
class Entry:
    msgid: str
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False
    obsolete: bool = False

    @property
    def translated(self) -> bool:
        needed = 2 if self.msgid_plural is not None else 1
        return not self.fuzzy and len(self.msgstr) >= needed and all(self.msgstr.values())


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po or .pot file (the header, msgid "", is left out)."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None
    flags: set[str] = set()

    def finish() -> None:
        nonlocal current
        if current is not None and current.msgid:
            entries.append(current)
        current = None

    for raw in path.read_text(encoding="utf-8").splitlines():
        obsolete = raw.startswith("#~")
        line = raw[2:].strip() if obsolete else raw.strip()
        if line.startswith("#,"):
            flags |= {f.strip() for f in line[2:].split(",")}
            continue
        if not line or (line.startswith("#") and not obsolete):
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgid":
            finish()
            current = Entry("", fuzzy="fuzzy" in flags, obsolete=obsolete)
            flags = set()
            target = ("msgid", 0)
        elif keyword == "msgid_plural":
            target = ("msgid_plural", 0)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            target = ("msgstr", index)
        elif keyword.startswith('"'):
            rest = line
        else:
            continue
        if current is None or target is None:
            continue
        value = ast.literal_eval(rest)
        name, index = target
        if name == "msgid":
            current.msgid += value
        elif name == "msgid_plural":
            current.msgid_plural = (current.msgid_plural or "") + value
        else:
            current.msgstr[index] = current.msgstr.get(index, "") + value
    finish()
    return [e for e in entries if not e.obsolete]


def problems(pot: Path, po: Path) -> list[str]:
    """Msgids of the .pot that the .po lacks, or has fuzzy or untranslated."""
    have = {(e.msgid, e.msgid_plural): e for e in read_po(po)}
    out = []
    for e in read_po(pot):
        found = have.get((e.msgid, e.msgid_plural))
        if found is None:
            out.append(f"missing: {e.msgid!r}")
        elif not found.translated:
            out.append(f"{'fuzzy' if found.fuzzy else 'untranslated'}: {e.msgid!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", nargs="?", default="update", choices=("update", "extract", "compile", "check"))
    args = parser.parse_args(argv)
    try:
        if args.step == "check":
            with tempfile.TemporaryDirectory() as tmp:
                pot = extract(Path(tmp) / "enplan.pot")
                bad = {lang: problems(pot, po_path(lang)) for lang in LANGUAGES}
            for lang, items in bad.items():
                for item in items:
                    print(f"{lang}: {item}")
            return 1 if any(bad.values()) else 0
        if args.step in ("update", "extract"):
            print(f"{POT.relative_to(ROOT)}: {'updated' if update_pot() else 'unchanged'}")
        if args.step == "update":
            for lang in LANGUAGES:
                print(f"{po_path(lang).relative_to(ROOT)}: {'updated' if merge(lang) else 'unchanged'}")
        if args.step in ("update", "compile"):
            for lang in LANGUAGES:
                mo = compile_mo(po_path(lang))
                todo = problems(POT, po_path(lang)) if POT.exists() else []
                print(f"{mo.relative_to(ROOT)}: compiled; {len(todo)} msgid(s) still to translate")
    except (ToolMissing, RuntimeError) as exc:
        print(f"i18n: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
