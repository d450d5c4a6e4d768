# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 00 · Data and setup
#
# This notebook lists every dataset the package uses, checks that each upstream file in the
# local cache has the registered SHA-256 hash, and states plainly which evidence is **real data**
# (fetched, hash-verified statistical tables), which is **quoted** (small published tables and
# headline figures transcribed with their citation), and which is **missing**.
#
# Outputs: `tables/00_datasets.csv`, `tables/00_files.csv`, `tables/00_evidence_status.csv`,
# `key_numbers/00_data_and_setup.json`.

# %% tags=["parameters"]
output_dir = "../outputs"  # root folder for figures/, tables/, key_numbers/
seed = 20181207  # random seed (nothing random here; kept for a uniform interface)

# %%
import numpy as np
import pandas as pd

import smartregion as sr
from smartregion.datasets import cache_dir, registry, verify_file
from smartregion.outputs import OutputWriter

rng = np.random.default_rng(seed)
out = OutputWriter(output_dir, notebook="00_data_and_setup")
print("smartregion", sr.__version__, "| data cache:", cache_dir())

# %% [markdown]
# ## 1. The registry: every upstream file, its source, licence and hash
#
# Files are never shipped inside the package. Each is downloaded once from a fixed commit of a
# public repository into the cache, and every later use re-checks its SHA-256 hash. A reader can
# rebuild the cache with `smartregion data fetch` (or point `SMARTREGION_DATA_DIR` at a copy).

# %%
reg = registry().copy()
status = []
for row in reg.itertuples():
    try:
        verify_file(row.dataset, row.file_name)
        status.append("verified")
    except (sr.datasets.DataNotAvailableError, sr.datasets.DataIntegrityError) as exc:
        status.append(type(exc).__name__)
reg["status"] = status
files = reg[["dataset", "file_name", "bytes", "sha256", "status", "licence", "url"]]
out.table(files, "00_files", section="1", index=False)
datasets = (reg.groupby("dataset")
            .agg(files=("file_name", "size"), megabytes=("bytes", lambda b: round(b.sum() / 1e6, 2)),
                 verified=("status", lambda s: int((s == "verified").sum())),
                 licence=("licence", "first"), source=("source", "first"))
            .reset_index())
out.table(datasets, "00_datasets", section="1", index=False)
out.key("n_files_registered", len(reg), section="1")
out.key("n_files_verified", int((reg["status"] == "verified").sum()), section="1")
datasets

# %% [markdown]
# ## 2. What is real, what is quoted, what is missing
#
# The KIET report (Kim Sunbae et al., 2018) publishes an abstract only; its own data, indices
# and tables are not public. The package therefore rebuilds the *method family* the abstract
# names on public data. The table below is the honest inventory that every later notebook
# relies on.

# %%
evidence = pd.DataFrame([
    ("Japan: prefectures and 7 cities x JSIC 3-digit, persons engaged 2014", "real data",
     "jp_economic_census_2014", "02, 04, 06"),
    ("Japan: municipalities and Kyoto wards x manufacturing groups, 2001-2012", "real data",
     "jp_manufactures_municipal", "02, 05, 06"),
    ("New Zealand: 143 urban areas x 65 industries, censuses 1976-2013", "real data",
     "nz_urban_employment", "05"),
    ("United States: 722 commuting zones x industry shares, 1980-2000", "real data",
     "us_cz_bartik", "05"),
    ("China: GDP of 36 major cities 2001-2017; Shenzhen/Guangzhou three sectors", "real data",
     "cn_major_cities", "03"),
    ("China: GDP and population of prefecture-level cities 1991-2019", "real data",
     "cn_prefecture_panel", "03"),
    ("Shenzhen: 10 districts x 19 GB/T 4754 sections, workers and GDP, 2016", "real data",
     "cn_shenzhen_districts_2016", "03"),
    ("Code lists: JSIC Rev.14, GB/T 4754-2017", "real data", "jsic_rev14, cn_gbt4754_2017",
     "03, 07"),
    ("Pearl River Delta: 9 cities x 10 manufacturing groups, 2018 (journal table)", "quoted",
     "data/raw", "03"),
    ("China: urban-unit employment by 19 sectors, 2003-2014 (yearbook table)", "quoted",
     "data/raw", "03"),
    ("Kyoto and Shenzhen headline facts (GDP, R&D, firms, institutions)", "quoted",
     "data/raw", "02, 03, 06"),
    ("Shenzhen: industry x year employment or output panel (districts: one year only)",
     "missing",
     "no public source found; template in data/example", "03"),
    ("KIET report: its data, indices, regressions and tables", "missing",
     "not published", "all"),
], columns=["evidence", "status", "where", "notebooks"])
out.table(evidence, "00_evidence_status", section="2", index=False)
out.key("n_missing_items", int((evidence["status"] == "missing").sum()), section="2")
evidence

# %%
out.save_keys()
print("\n".join(str(p) for p in out.written))
