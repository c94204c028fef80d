"""ratuszctl migrate refuses migration files that would be skipped: two files with one
number, or a file whose number was applied earlier under another name."""

import glob
import os
import shutil
import subprocess
import tempfile
import unittest

BIN = os.environ.get("RATUSZ_BIN", "")
CONFIG = os.environ.get("RATUSZ_CONFIG", "")
SQL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sql")


def setUpModule():
    if not BIN or not CONFIG:
        raise RuntimeError("missing environment: RATUSZ_BIN, RATUSZ_CONFIG "
                           "(tools/dev test sets them)")


def migrate(sql_dir):
    env = dict(os.environ, RATUSZ_CONFIG=CONFIG, RATUSZ_SQL_DIR=sql_dir, RATUSZ_LANG="pl")
    return subprocess.run([os.path.join(BIN, "ratuszctl"), "migrate"], env=env,
                          capture_output=True, text=True, check=False)


class MigrateNumbersTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ratusz-sql-")
        for path in glob.glob(os.path.join(SQL_DIR, "*.sql")):
            shutil.copy(path, self.dir)
        self.last = sorted(os.listdir(self.dir))[-1]

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_applied_tree_up_to_date(self):
        result = migrate(self.dir)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Schemat bazy danych jest aktualny.", result.stdout + result.stderr)

    def test_duplicate_number_rejected(self):
        twin = self.last[:4] + "zzz_twin.sql"
        with open(os.path.join(self.dir, twin), "w", encoding="utf-8") as f:
            f.write("CREATE TABLE migrate_twin_must_not_exist (id INT);\n")
        result = migrate(self.dir)
        self.assertEqual(result.returncode, 1)
        self.assertIn("Dwa pliki migracji mają ten sam numer", result.stderr)
        self.assertIn(twin, result.stderr)

    def test_renamed_applied_migration_rejected(self):
        renamed = self.last[:4] + "renamed.sql"
        os.rename(os.path.join(self.dir, self.last), os.path.join(self.dir, renamed))
        result = migrate(self.dir)
        self.assertEqual(result.returncode, 1)
        self.assertIn("została zastosowana wcześniej pod inną nazwą", result.stderr)
        self.assertIn(renamed, result.stderr)


if __name__ == "__main__":
    unittest.main()
