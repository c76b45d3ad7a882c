"""``docs/scenarios/buddy.yaml`` runs through the real command line and produces the introductions."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from samovar.core.i18n import Catalog

ROOT = Path(__file__).resolve().parents[3]
SCENARIO = ROOT / "docs" / "scenarios" / "buddy.yaml"
LOCALES = ROOT / "plugins" / "buddy" / "locales"


def run_scenario() -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "samovar.core.cli", "scenario", str(SCENARIO)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def test_the_buddy_scenario_introduces_newcomers_and_coffee_pairs():
    catalog = Catalog()
    catalog.load_dir(LOCALES)
    actions = run_scenario()

    def dms(name: str) -> list[str]:
        return [a["text"] for a in actions if a["action"] == "dm" and a["to"] == name]

    boris = dms("boris")
    assert any(t.startswith(catalog.t("buddy.intro.newcomer", "ru", buddy="@anna")) for t in boris)
    buddy_intro = [t for t in dms("anna") if t.startswith(catalog.t("buddy.intro.buddy", "en", newcomer="@boris"))]
    assert len(buddy_intro) == 1
    assert catalog.t("buddy.intro.reason", "en", reason="выгорание и вечная прокрастинация") in buddy_intro[0]

    in_buddies = [a["text"] for a in actions if a["action"] == "send" and a["room"] == "buddies"]
    assert in_buddies == [catalog.t("buddy.fallback", "en", mention="@dina",
                                    text=catalog.t("buddy.intro.newcomer_public", "en", buddy="@mark"),
                                    how=catalog.t("buddy.open_dms.other", "en"))]
    assert dms("dina") == []

    first_round = [a for a in actions if a["action"] == "dm" and a["at"] == "2026-01-05T16:00:00+00:00"]
    heads = {a["to"]: a["text"].split("\n", 1)[0] for a in first_round}
    assert heads == {"anna": catalog.t("buddy.coffee.intro", "en", others="@boris"),
                     "boris": catalog.t("buddy.coffee.intro", "ru", others="@anna"),
                     "mark": catalog.t("buddy.coffee.intro", "en", others="@lena"),
                     "lena": catalog.t("buddy.coffee.intro", "en", others="@mark")}
    assert catalog.t("buddy.checkup.buddy", "en", newcomer="@boris", command="!buddy connected yes|no") \
        in dms("anna")
    assert boris[-1] == catalog.t("buddy.connected.yes", "ru")
