"""The production-install check (`make check-production-install`) compares what is installed
with what the lock pins; here its comparison on made-up lists."""

from pathlib import Path

from safecities.installcheck import differences, pinned


def test_the_lock_pins_are_read_with_names_made_canonical(tmp_path: Path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("# header\nDjango==5.2.8 \\\n    --hash=sha256:abc\n"
                    "typing_extensions==4.12.0\n    # via asgiref\n")
    assert pinned(lock) == {"django": "5.2.8", "typing-extensions": "4.12.0"}


def test_a_development_package_in_a_production_install_is_reported():
    assert differences({"django": "5.2.8"}, {"django": "5.2.8", "pytest": "8.3.0"}) == [
        "installed but not in the lock: pytest==8.3.0"]


def test_a_missing_or_different_package_is_reported():
    assert differences({"django": "5.2.8", "redis": "5.0.0"}, {"django": "5.2.7"}) == [
        "in the lock but not installed: redis==5.0.0", "django: locked 5.2.8, installed 5.2.7"]


def test_the_production_lock_pins_no_development_package():
    lock = pinned(Path(__file__).parents[1] / "requirements.lock")
    development = {"pytest", "pytest-django", "playwright", "ruff", "hypothesis", "factory-boy",
                   "import-linter", "pip-tools", "statsmodels", "numpy", "pandas", "scipy"}
    assert lock.keys() & development == set()
    assert lock["django"].startswith("5.2.")
