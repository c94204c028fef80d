"""Every Polish text has its English twin, and the other way round."""
import glob
import os
import re
import unittest

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
LANG_DIR = os.path.join(ROOT, "templates", "lang")
ASSIGN = re.compile(r"^([A-Za-z0-9_.]+)\s*(=|<<|:=)")
OPEN = re.compile(r"^([A-Za-z0-9_.]+)\s*\{$")


def hdf_keys(path):
    """Returns the full names of the values set in one HDF file."""
    keys, stack, heredoc = set(), [], None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if heredoc is not None:
                if line == heredoc:
                    heredoc = None
                continue
            if not line or line.startswith("#"):
                continue
            if line == "}":
                stack.pop()
                continue
            m = OPEN.match(line)
            if m:
                stack.append(m.group(1))
                continue
            m = ASSIGN.match(line)
            if not m:
                raise ValueError(f"{path}: cannot read line {line!r}")
            keys.add(".".join(stack + [m.group(1)]))
            if m.group(2) == "<<":
                heredoc = line.split("<<", 1)[1].strip()
    if stack:
        raise ValueError(f"{path}: unclosed block {stack}")
    return keys


def language_keys(code):
    files = [os.path.join(LANG_DIR, code + ".hdf")]
    files += sorted(glob.glob(os.path.join(LANG_DIR, code, "*.hdf")))
    keys = set()
    for path in files:
        keys |= hdf_keys(path)
    return keys


class LanguageFilesTest(unittest.TestCase):
    def test_same_keys_in_polish_and_english(self):
        pl, en = language_keys("pl"), language_keys("en")
        self.assertGreater(len(pl), 100)
        # English has two plural forms; Polish has a third (5 zgłoszeń).
        polish_only = {k for k in pl if k.startswith("Plural.") and k.endswith(".2")}
        self.assertEqual(sorted(pl - polish_only - en), [], "Polish texts without English twin")
        self.assertEqual(sorted(en - pl), [], "English texts without Polish twin")

    def test_same_files_in_both_languages(self):
        names = {
            code: sorted(os.path.basename(p)
                         for p in glob.glob(os.path.join(LANG_DIR, code, "*.hdf")))
            for code in ("pl", "en")
        }
        self.assertEqual(names["pl"], names["en"])


if __name__ == "__main__":
    unittest.main()
