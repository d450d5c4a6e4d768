"""The ``smartregion`` command.

::

    smartregion data list                 # datasets, files, sizes, licences, cached or not
    smartregion data fetch [NAME ...]     # download (or verify) the files into the cache
    smartregion data verify               # re-hash every file; exit 1 if one is missing or differs
    smartregion data info NAME            # the loader's description of a dataset
    smartregion validate FILE [--hierarchy FILE] [--region COL --industry COL
                                                  --value COL --time COL]
    smartregion indices FILE -o DIR [--hierarchy FILE] [--relatedness METHOD]
                                    [column options]
    smartregion maps FILE --boundaries FILE --id-column COL -o DIR [column options]

Exit codes: 0 success, 1 a check failed (hash mismatch, invalid file, download failed),
2 usage error (argparse).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

__all__ = ["main", "build_parser"]


def _fmt_bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} B"  # pragma: no cover


# ------------------------------------------------------------------------------ data commands
def _cmd_data_list(args: argparse.Namespace) -> int:
    from .datasets import _registry

    reg = _registry.registry()
    root = _registry.cache_dir()
    if args.dataset:
        unknown = sorted(set(args.dataset) - set(reg["dataset"]))
        if unknown:
            print(f"unknown dataset(s) {unknown}; registered: {sorted(reg['dataset'].unique())}",
                  file=sys.stderr)
            return 1
        reg = reg[reg["dataset"].isin(args.dataset)]
    print(f"cache: {root}  (set SMARTREGION_DATA_DIR to use another folder)\n")
    for name, group in reg.groupby("dataset", sort=False):
        cached = [(root / name / f).is_file() for f in group["file_name"]]
        print(f"{name}: {len(group)} file(s), {_fmt_bytes(int(group['bytes'].sum()))}, "
              f"cached {sum(cached)}/{len(group)}")
        print(f"  licence: {group['licence'].iloc[0]}")
        print(f"  source:  {group['source'].iloc[0]}")
        width = max(len(f) for f in group["file_name"])
        for (_, e), here in zip(group.iterrows(), cached):
            print(f"    {e['file_name']:{width}s}  {_fmt_bytes(int(e['bytes'])):>9s}  "
                  f"{'cached' if here else 'not cached'}")
        print()
    return 0


def _cmd_data_fetch(args: argparse.Namespace) -> int:
    from .datasets import DataIntegrityError, DataNotAvailableError, _registry, entries, fetch_file

    names = args.names or sorted(_registry.registry()["dataset"].unique())
    failures = 0
    for name in names:
        try:
            files = entries(name)
        except KeyError as exc:
            print(f"error: {exc.args[0]}", file=sys.stderr)
            return 1
        for e in files:
            try:
                path = fetch_file(name, e.file_name, download=not args.no_download)
            except (DataNotAvailableError, DataIntegrityError) as exc:
                failures += 1
                print(f"FAILED {name}/{e.file_name}: {exc}", file=sys.stderr)
                continue
            print(f"ok     {name}/{e.file_name} -> {path}")
    if failures:
        print(f"{failures} file(s) could not be fetched.", file=sys.stderr)
        return 1
    return 0


def _cmd_data_verify(args: argparse.Namespace) -> int:
    from .datasets import DataIntegrityError, _registry, verify_file

    root = _registry.cache_dir()
    reg = _registry.registry()
    if args.names:
        unknown = sorted(set(args.names) - set(reg["dataset"]))
        if unknown:
            print(f"unknown dataset(s) {unknown}; registered: {sorted(reg['dataset'].unique())}",
                  file=sys.stderr)
            return 1
        reg = reg[reg["dataset"].isin(args.names)]
    if not root.is_dir():
        print(f"the data cache {root} does not exist: nothing to verify. Run `smartregion data "
              "fetch`, or set SMARTREGION_DATA_DIR to the folder that holds the data.",
              file=sys.stderr)
        return 1
    checked = bad = missing = 0
    for _, e in reg.iterrows():
        path = root / e["dataset"] / e["file_name"]
        if not path.is_file():
            missing += 1
            print(f"MISSING  {e['dataset']}/{e['file_name']} (expected at {path})",
                  file=sys.stderr)
            continue
        checked += 1
        try:
            verify_file(e["dataset"], e["file_name"])
        except DataIntegrityError as exc:
            bad += 1
            print(f"MISMATCH {e['dataset']}/{e['file_name']}: {exc}", file=sys.stderr)
            continue
        print(f"ok       {e['dataset']}/{e['file_name']}")
    print(f"cache {root}: {checked} file(s) checked, {bad} mismatch(es), {missing} missing.")
    if missing:
        print("fetch the missing files with `smartregion data fetch`.", file=sys.stderr)
    return 1 if bad or missing else 0


def _cmd_data_info(args: argparse.Namespace) -> int:
    from .datasets import DataIntegrityError, DataNotAvailableError
    from .datasets.loaders import load

    try:
        ds = load(args.name)
    except (KeyError, ImportError, DataNotAvailableError, DataIntegrityError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(ds)
    print(ds.descr)
    print(f"\nLicence: {ds.licence}")
    if ds.report:
        print("\nReport:")
        for k, v in ds.report.items():
            print(f"  {k}: {v}")
    return 0


# ---------------------------------------------------------------------------- user-data commands
def _add_columns(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="long table: region, industry, [year,] value (CSV/TSV, "
                                "gzip-compressed CSV, Excel or Parquet)")
    p.add_argument("--hierarchy", help="industry,parent[,grandparent...] CSV")
    p.add_argument("--region", default="region", help="region column (default: region)")
    p.add_argument("--industry", default="industry", help="industry column (default: industry)")
    p.add_argument("--value", default="value", help="value column (default: value)")
    p.add_argument("--time", default="auto",
                   help="period column; 'auto' (default) uses 'year' or 'time' if present, "
                        "'none' for a single period")
    p.add_argument("--encoding", default=None,
                   help="text encoding of a CSV/TSV file (default UTF-8), e.g. cp1252, latin-1, "
                        "shift_jis, gb18030")
    p.add_argument("--sheet", default=None, help="Excel sheet name (default: the first sheet)")


def _time_arg(value: str) -> str | None:
    return None if value.lower() == "none" else value


def _validate(args: argparse.Namespace):
    from .byod import validate_file

    return validate_file(args.file, hierarchy=args.hierarchy, region=args.region,
                         industry=args.industry, value=args.value, time=_time_arg(args.time),
                         encoding=args.encoding, sheet=args.sheet)


def _cmd_validate(args: argparse.Namespace) -> int:
    try:
        report = _validate(args)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(report.format())
    return 0 if report.ok else 1


def _valid_panel(args: argparse.Namespace, what: str) -> Any:
    """The validation report of the input file, or None after printing why nothing is done."""
    try:
        report = _validate(args)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    if not report.ok or report.panel is None:
        print(report.format(), file=sys.stderr)
        print(f"{what}: fix the errors above first.", file=sys.stderr)
        return None
    return report


def _cmd_indices(args: argparse.Namespace) -> int:
    from .byod import write_indices

    report = _valid_panel(args, "no indices written")
    if report is None:
        return 1
    for p in report.problems:
        print(p, file=sys.stderr)
    result = write_indices(report.panel, args.output, threshold=args.threshold,
                           backbone_avg_degree=args.backbone_degree,
                           relatedness=args.relatedness)
    for text in result.warnings:
        print(f"warning: {text}", file=sys.stderr)
    print(f"{report.panel!r}")
    print(f"wrote {len(result.written)} file(s) to {args.output}:")
    for name, path in result.written.items():
        print(f"  {name:28s} {path}")
    for name, note in result.notes.items():
        print(f"{name}: {note}")
    if result.skipped:
        print("skipped:")
        for name, why in result.skipped.items():
            print(f"  {name:28s} {why}")
    return 0


# ------------------------------------------------------------------------------- maps command
# (a self-contained block: the `maps` subcommand and its options)
def _cmd_maps(args: argparse.Namespace) -> int:
    try:
        from .outputs import OutputWriter
        from .plots.maps import MapJoinError, panel_maps, read_boundaries
        from .plots.style import Source
    except ImportError as exc:
        print(f"error: maps need the optional dependencies: pip install 'smartregion[maps]' "
              f"({exc})", file=sys.stderr)
        return 1
    from pathlib import Path

    report = _valid_panel(args, "no maps drawn")
    if report is None:
        return 1
    panel = report.panel
    period = ""
    if panel.has_time:
        last = panel.times[-1] if args.year is None else type(panel.times[0])(args.year)
        panel = panel.select(times=[last])
        panel = type(panel)(panel.values, panel.regions, panel.industries, None,
                            hierarchy=panel.hierarchy, value_name=panel.value_name)
        period = str(last)
    source = Source(f"{Path(args.file).name} ({len(panel.regions)} regions x "
                    f"{len(panel.industries)} industries)", period, "computed")
    try:
        bounds = read_boundaries(args.boundaries, args.id_column, layer=args.layer)
        maps = panel_maps(panel, bounds, id_col=args.id_column, source=source,
                          region=args.highlight, industry=args.map_industry,
                          boundary_credit=args.credit or Path(args.boundaries).name,
                          threshold=args.threshold, drop_unmatched=args.drop_unmatched)
    except (MapJoinError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    out = OutputWriter(args.output, notebook="maps")
    for name, fig in maps.figures.items():
        print(f"  {name:10s} {out.figure(fig, f'map_{name}')}")
    for name, why in maps.skipped.items():
        print(f"skipped {name}: {why}")
    rep = maps.join.report()
    print(f"{rep['n_matched']} regions matched; {rep['n_no_data']} polygons without data "
          f"{rep['no_data']}; {rep['n_dropped']} regions dropped {rep['dropped']}.")
    return 0


def _add_maps_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("maps", help="draw maps of the indices of your data on a boundary file")
    _add_columns(p)
    p.add_argument("--boundaries", required=True,
                   help="boundary file of the regions (GeoJSON, GeoPackage, shapefile ...)")
    p.add_argument("--id-column", required=True,
                   help="column of the boundary file holding the region labels of FILE")
    p.add_argument("--layer", default=None, help="layer of a multi-layer boundary file")
    p.add_argument("-o", "--output", required=True, help="output folder (figures/ inside)")
    p.add_argument("--highlight", default=None, help="region outlined on every map")
    p.add_argument("--map-industry", default=None,
                   help="industry of the LQ map (default: the highlighted region's highest LQ, "
                        "else the largest industry)")
    p.add_argument("--year", default=None, help="period to map (default: the latest)")
    p.add_argument("--threshold", type=float, default=1.0,
                   help="LQ threshold of the specialisation matrix for the ECI (default 1)")
    p.add_argument("--drop-unmatched", action="store_true",
                   help="leave out regions of FILE without a polygon (counted and reported) "
                        "instead of stopping")
    p.add_argument("--credit", default=None,
                   help="source credit of the boundaries for the source line (default: the "
                        "file name)")
    p.set_defaults(func=_cmd_maps)
# ------------------------------------------------------------------------- end of maps command


# ------------------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``smartregion`` command."""
    parser = argparse.ArgumentParser(
        prog="smartregion",
        description="Regional industry structure, variety, relatedness and complexity: "
                    "datasets and indices from the command line.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    data = sub.add_parser("data", help="registered public datasets: list, fetch, verify, info")
    dsub = data.add_subparsers(dest="data_command", required=True)
    p = dsub.add_parser("list", help="datasets, files, sizes, licences and cache status")
    p.add_argument("dataset", nargs="*", help="only these datasets")
    p.add_argument("--licences", action="store_true", help="print the full licence text")
    p.set_defaults(func=_cmd_data_list)
    p = dsub.add_parser("fetch", help="download (or verify) files into the cache")
    p.add_argument("names", nargs="*", metavar="NAME", help="datasets (default: all)")
    p.add_argument("--no-download", action="store_true",
                   help="only verify what is already cached")
    p.set_defaults(func=_cmd_data_fetch)
    p = dsub.add_parser("verify", help="re-hash every registered file; exit 1 if any is "
                                     "missing or differs")
    p.add_argument("names", nargs="*", metavar="NAME", help="datasets (default: all)")
    p.set_defaults(func=_cmd_data_verify)
    p = dsub.add_parser("info", help="load a dataset and print its description and report")
    p.add_argument("name")
    p.set_defaults(func=_cmd_data_info)

    p = sub.add_parser("validate", help="check your own data file; exit 1 on any error")
    _add_columns(p)
    p.set_defaults(func=_cmd_validate)

    from .relatedness import DEFAULT_METHOD, RELATEDNESS_METHODS

    p = sub.add_parser("indices", help="compute the main indices of your data as CSV files")
    _add_columns(p)
    p.add_argument("-o", "--output", required=True, help="output folder")
    p.add_argument("--threshold", type=float, default=1.0,
                   help="LQ threshold of the binary specialisation matrix (default 1)")
    p.add_argument("--backbone-degree", type=float, default=4.0,
                   help="target mean degree of the industry-space backbone (default 4)")
    p.add_argument("--relatedness", choices=list(RELATEDNESS_METHODS), default=DEFAULT_METHOD,
                   help="relatedness of the density and the backbone (default "
                        f"{DEFAULT_METHOD}: co-specialisation significantly above chance; "
                        "proximity: the product-space measure, a robustness check)")
    p.set_defaults(func=_cmd_indices)
    _add_maps_parser(sub)  # the maps command (block above)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:  # output piped into e.g. `head`: stop quietly
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
