"""Every quoted (published) number a notebook prints comes from ``data/raw/case_figures.csv``.

Notebooks quote figures through :func:`smartregion.datasets.facts.record_case_figures`, which
records each as the key number ``q_<key>``; prose is rendered with ``out.say`` from those keys.
The checks here are static (they read the notebook sources):

* no value of the table is typed into a notebook's markdown, string literals or numeric
  literals;
* markdown cells and string literals hold no figure-like tokens (percentages, decimals,
  thousands-grouped numbers) outside formulas, code and units such as "10,000 persons";
* every ``q_<key>`` placeholder and every key passed to ``record_case_figures`` exists;
* in an executed run, every ``q_<key>`` key number equals the table value (checked by
  ``tests/test_notebooks.py::test_notebook_executes`` on the run it makes).

Notebook 06 must use every key of ``NB06_KEYS`` (its quoted figures).
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
from pathlib import Path

import pytest

from smartregion.datasets.facts import QUOTED_PREFIX, case_figure_rows

ROOT = Path(__file__).resolve().parents[1]
NB = ROOT / "notebooks"
WIRED = ["02_kyoto_case", "03_shenzhen_case", "06_policy_proposals"]
NB06 = "06_policy_proposals"

#: Keys of case_figures.csv holding every quoted number typed in notebook 06 today.
NB06_KEYS = [
    "sz_high_tech_output_2016", "kyoto_murata_founded", "sz_rd_business_share_2014",
    "sz_national_high_tech_enterprises_c2015", "sz_national_high_tech_enterprises_c2017",
    "sz_national_high_tech_enterprises_2018", "sz_national_high_tech_enterprises_2019",
    "kyoto_u_spinouts_fy2016", "kyoto_u_spinouts_fy2017", "kyoto_u_spinouts_fy2018",
    "japan_university_spinouts_fy2018", "kyoto_u_spinouts_2023", "utokyo_spinouts_2023",
    "keio_spinouts_2023", "krp_tenants_1989", "krp_tenants_c2012", "krp_people_c2012",
    "krp_tenants_2014", "krp_people_2014", "krp_tenants_2016", "krp_people_2016",
    "krp_tenants_2020", "krp_people_2020", "kyoto_mekiki_founded", "kyoto_mekiki_members_2001",
    "kyoto_mekiki_grades",
]

# generic numbers that also occur as units or arithmetic (10,000 persons; x 100)
# and statistical conventions (95% confidence intervals, the 0.05 significance level)
GENERIC = {"100", "1000", "1,000", "10000", "10,000", "95%", "0.05"}
FIGURE_LIKE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?\s?%|\d+\.\d+|\d{1,3}(?:,\d{3})+)(?![\w])")


def _cells(stem: str) -> tuple[list[str], list[str]]:
    """Markdown and code cells of a jupytext percent-format notebook."""
    text = (NB / f"{stem}.py").read_text(encoding="utf-8")
    markdown, code = [], []
    for block in re.split(r"^# %%", text, flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        if "[markdown]" in head:
            markdown.append("\n".join(line[2:] if line.startswith("# ") else line.lstrip("#")
                                      for line in body.splitlines()))
        else:
            code.append(body)
    return markdown, code


def _strip_math_and_code(md: str) -> str:
    md = re.sub(r"```.*?```", " ", md, flags=re.S)
    md = re.sub(r"`[^`]*`", " ", md)
    md = re.sub(r"\$[^$]*\$", " ", md)
    return re.sub(r"https?://\S+|\b[\w.-]+\.(?:com|jp|cn|org|net|html?)\S*", " ", md)


def _literals(code: str) -> tuple[list[str], list[str]]:
    """String literals and numeric literals of a code cell."""
    strings, numbers = [], []
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type == tokenize.STRING:
            try:
                value = ast.literal_eval(tok.string)
            except (ValueError, SyntaxError):  # f-strings: keep their text
                value = tok.string
            if isinstance(value, str):
                strings.append(value)
        elif tok.type == tokenize.NUMBER:
            numbers.append(tok.string)
    return strings, numbers


def _tokens(value: float, unit: str) -> set[str]:
    """Ways a table value would be written if it were typed (years and small counts left out)."""
    if unit == "year":
        return set()
    if float(value).is_integer():
        v = int(value)
        if v < 100:
            return set()
        return {str(v), f"{v:,}"} - GENERIC
    text = f"{value:g}"
    return {text} if len(text.replace(".", "").lstrip("0")) >= 2 else set()


def _typed_quoted_values(stem: str) -> list[tuple[str, str]]:
    markdown, code = _cells(stem)
    prose = [_strip_math_and_code(m) for m in markdown]
    numbers: list[str] = []
    for cell in code:
        s, n = _literals(cell)
        prose.extend(_strip_math_and_code(x) for x in s)
        numbers.extend(n)
    text = "\n".join(prose)
    rows = case_figure_rows()
    hits = []
    for key, row in rows.iterrows():
        for tok in _tokens(row["value"], row["unit"]):
            if re.search(rf"(?<![\w.,]){re.escape(tok)}(?![\d])", text) or tok in numbers:
                hits.append((key, tok))
    return hits


@pytest.mark.parametrize("stem", WIRED)
def test_no_quoted_value_typed_in_notebook(stem):
    hits = _typed_quoted_values(stem)
    assert not hits, f"{stem} types quoted figures instead of using case_figures: {hits}"


@pytest.mark.parametrize("stem", WIRED)
def test_prose_has_no_typed_figures(stem):
    """Markdown and string literals (say templates, titles) hold no typed figures."""
    markdown, code = _cells(stem)
    texts = list(markdown)
    for cell in code:
        texts.extend(_literals(cell)[0])
    found = []
    for md in texts:
        for m in FIGURE_LIKE.finditer(_strip_math_and_code(md)):
            if m.group(1) not in GENERIC:
                found.append(m.group(1))
    assert not found, f"{stem}: figures typed in prose (use out.say with key numbers): {found}"


@pytest.mark.parametrize("stem", WIRED)
def test_quoted_placeholders_exist_in_the_table(stem):
    text = (NB / f"{stem}.py").read_text(encoding="utf-8")
    keys = set(case_figure_rows().index)
    used = set()
    for name in re.findall(r"\{" + QUOTED_PREFIX + r"([a-z0-9_]+)[:}]", text):
        # q_<key>_rank holds the rank of <key> (a key may itself end in "_rank")
        used.add(name if name in keys or not name.endswith("_rank") else name[:-len("_rank")])
    for call in re.findall(r"record_case_figures\(out, \[(.*?)\]", text, flags=re.S):
        used |= set(re.findall(r'"([a-z0-9_]+)"', call))
    assert used, f"{stem} quotes nothing from the table"
    assert used <= keys, f"{stem} uses unknown keys {sorted(used - keys)}"


def test_notebook_06_keys_exist():
    assert set(NB06_KEYS) <= set(case_figure_rows().index)


def test_notebook_06_records_its_quoted_figures():
    text = (NB / f"{NB06}.py").read_text(encoding="utf-8")
    missing = [k for k in NB06_KEYS if f'"{k}"' not in text]
    assert not missing, f"notebook 06 does not use keys {missing}"


def test_detector_finds_a_typed_figure(tmp_path, monkeypatch):
    """The scanner is not vacuous: a notebook typing a table value is caught."""
    fake = tmp_path / "99_fake.py"
    fake.write_text("# %% [markdown]\n# Shenzhen filed 19,647 PCT applications.\n\n"
                    "# %%\nx = 164\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "NB", tmp_path)
    hits = dict(_typed_quoted_values("99_fake"))
    assert hits.get("sz_pct_applications_2016") == "19,647"
    assert hits.get("kyoto_u_spinouts_fy2018") == "164"
