# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · Theory and analytical framework
#
# **What this notebook does.** It sets out the reasoning the later notebooks test: why the
# Fourth Industrial Revolution (4IR) makes regions, rather than nations, the place where new
# industries are assembled; what "smart regional innovation" means as a policy concept; how the
# KIET report's four measure areas and seven proposals translate into quantities that can be
# computed from a region x industry x year table; and the formulas of those quantities.
#
# Outputs: `tables/01_measure_areas.csv`, `tables/01_proposals_indicators.csv`,
# `tables/01_index_formulas.csv`, `figures/01_toy_network.png`, `key_numbers/01_theory_framework.json`.

# %% tags=["parameters"]
output_dir = "../outputs"  # root folder for figures/, tables/, key_numbers/
seed = 20181207  # random seed, set once here

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from smartregion.outputs import OutputWriter
from smartregion.plots import PALETTE, Source, add_source, use_style
from smartregion.policy import MEASURE_AREAS, framework_table

rng = np.random.default_rng(seed)
use_style()
out = OutputWriter(output_dir, notebook="01_theory_framework")

# %% [markdown]
# ## 1. A production paradigm that favours regions
#
# Mass production rewarded scale: a few large plants, long supply chains, national champions.
# Digital design, additive and flexible manufacturing, sensors and data platforms change the
# arithmetic. When the fixed cost of a production run falls, products can be tailored to small
# markets and made close to their users, and the scarce input becomes the *combination* of
# capabilities (engineering, software, design, testing, finance) that can turn an idea into a
# product quickly. Such combinations are local: they live in the people, firms, universities and
# intermediaries of a city-region and in the ties between them.
#
# Platforms add a second force. A platform (a marketplace, an operating system, a maker space, a
# supplier network) lowers the cost of matching many small producers with users and with each
# other. Regions that host dense platforms let start-ups enter cheaply and let established firms
# recombine what they know. Shenzhen's electronics ecosystem and Kyoto's cluster of
# component-makers are two different answers to the same question: how does a region keep
# generating new, higher-value activities?
#
# ## 2. Smart regional innovation
#
# We use the term for a policy stance with three parts:
#
# 1. **Build on what the region can already do.** New activities grow out of related existing
#    ones (Hidalgo et al. 2007; Neffke, Henning & Boschma 2011). Diversification that is
#    *related* to the local base is more likely to succeed; *unrelated* variety spreads risk.
# 2. **Aim for complexity.** Complex activities need many capabilities, are found in few places
#    and pay more (Hidalgo & Hausmann 2009). The policy dilemma is that they are also the hardest
#    to enter (Balland et al. 2019).
# 3. **Let discovery be entrepreneurial.** Which opportunities are real is learned by firms,
#    researchers and investors, not decided in advance; government organises the process and acts
#    as a platform (smart specialisation, Foray 2015).
#
# The KIET abstract names four measure areas, listed below with the indicators this package
# can compute for each.

# %%
areas = MEASURE_AREAS.copy()
out.table(areas, "01_measure_areas", section="2")
areas

# %% [markdown]
# ## 3. From seven proposals to indicators
#
# Each proposal is paired with at least one indicator. The last two columns state, for each
# case city, whether the public data let us **compute** it, only **quote** published figures,
# or whether the evidence is **missing**. Shenzhen has no public industry x year employment
# table, so its structural indicators are missing; notebook 03 shows the exact table a user
# would need to drop in.

# %%
proposals = framework_table()
out.table(proposals, "01_proposals_indicators", section="3")
out.key("n_proposals", len(proposals), section="3")
out.key("n_computed_kyoto", int((proposals["kyoto"] == "computed").sum()), section="3")
out.key("n_computed_shenzhen", int((proposals["shenzhen"] == "computed").sum()), section="3")
proposals[["area", "indicator", "kyoto", "shenzhen"]]

# %% [markdown]
# ## 4. The indices, their formulas and sources
#
# Notation: $x_{ri}$ is employment (or output) of region $r$ in industry $i$; shares
# $s_{ri} = x_{ri}/\sum_i x_{ri}$; national shares $s_i = \sum_r x_{ri} / \sum_{ri} x_{ri}$.
#
# * **Location quotient / RCA** (Balassa 1965): $LQ_{ri} = s_{ri} / s_i$; specialisation
#   $M_{ri} = 1[LQ_{ri} \ge 1]$.
# * **Diversity and ubiquity** (Hidalgo & Hausmann 2009): $k_{r} = \sum_i M_{ri}$,
#   $k_{i} = \sum_r M_{ri}$.
# * **Herfindahl** $H_r = \sum_i s_{ri}^2$; **Krugman dissimilarity** $K_r = \sum_i |s_{ri} - s_i|$.
# * **Entropy, related and unrelated variety** (Frenken, Van Oort & Verburg 2007), with groups
#   $g$ of a coarser classification, $P_g = \sum_{i \in g} p_i$:
#   $UV = \sum_g P_g \log_2 (1/P_g)$, $RV = \sum_g P_g H_g$ with
#   $H_g = \sum_{i\in g} (p_i/P_g)\log_2 (P_g/p_i)$, and $UV + RV$ equals total entropy.
# * **Proximity** (Hidalgo et al. 2007): $\varphi_{ij} = \sum_r M_{ri}M_{rj} / \max(k_i, k_j)$.
# * **Relatedness density** $\omega_{ri} = \sum_j M_{rj}\varphi_{ij} / \sum_j \varphi_{ij}$.
# * **Economic complexity** (Hidalgo & Hausmann 2009): ECI is the eigenvector of the second
#   largest eigenvalue of $\tilde M_{rr'} = \sum_i M_{ri}M_{r'i}/(k_r k_i)$, standardised;
#   PCI is its industry-side counterpart.
# * **Shift-share** (Dunn 1960; Esteban-Marquillas 1972): change = national growth + industry
#   mix + regional (competitive) component.
#
# The table below is written to `tables/01_index_formulas.csv` with the package function that
# implements each index, so a reviewer can follow every later number to its code.

# %%
formulas = pd.DataFrame([
    ("location quotient / RCA", "s_ri / s_i", "Balassa (1965)", "structure.location_quotient"),
    ("specialisation M", "1[LQ_ri >= 1]", "Hidalgo et al. (2007)", "structure.specialisation"),
    ("diversity, ubiquity", "sum_i M_ri, sum_r M_ri", "Hidalgo & Hausmann (2009)",
     "structure.diversity, structure.ubiquity"),
    ("Herfindahl", "sum_i s_ri^2", "Herfindahl (1950)", "structure.herfindahl"),
    ("Krugman dissimilarity", "sum_i |s_ri - s_i|", "Krugman (1991)", "structure.krugman_index"),
    ("entropy, RV, UV", "UV = sum_g P_g log2(1/P_g); RV = sum_g P_g H_g",
     "Frenken, Van Oort & Verburg (2007)", "variety.related_unrelated_variety"),
    ("proximity", "C_ij / max(k_i, k_j)", "Hidalgo et al. (2007)", "relatedness.proximity"),
    ("relatedness density", "sum_j M_rj phi_ij / sum_j phi_ij", "Hidalgo et al. (2007)",
     "relatedness.relatedness_density"),
    ("ECI / PCI", "2nd eigenvector of M~", "Hidalgo & Hausmann (2009)", "complexity.eci, complexity.pci"),
    ("shift-share", "national + mix + regional", "Dunn (1960); Esteban-Marquillas (1972)",
     "shiftshare.shift_share"),
], columns=["index", "formula", "source", "function"])
out.table(formulas, "01_index_formulas", section="4", index=False)
formulas

# %% [markdown]
# ## 5. A worked example small enough to check by hand
#
# The four-country network of Hidalgo & Hausmann (2009, Fig. S4 as coded in EconGeo's
# documentation): C1 makes P1-P4, C2 makes P2, C3 makes P3 and P4, C4 makes P4. We compute
# diversity, ubiquity, proximity and ECI with the package and show the bipartite network.
# Diversity and ubiquity can be read off the picture; by hand, the proximity of P3 and P4 is
# $\varphi_{P3,P4} = 2 / \max(2, 3) = 2/3$ (two countries export both; P3 is exported by
# two, P4 by three), which the package reproduces below.
#
# The ECI of this toy is not a ranking by diversity, and the reason teaches what the index
# is. ECI is the second eigenvector of $\tilde M_{cc'} = \sum_p M_{cp} M_{c'p} / (k_c k_p)$,
# the similarity of two countries' baskets with rare products weighing more: it orders
# countries along the main divide of the network, and is oriented so that it correlates
# positively with diversity. Here the divide runs between C2, whose only product is shared
# with C1 alone, and C3 and C4, which share P4; C1, which shares products with every country,
# sits in the middle. ECI reads as "capabilities" only where the matrix is nested (the diverse
# countries make the rare products, the others a subset of them), as it is in trade data. The
# same computation on a nested variant (Ci makes products Pi to P4) ranks the countries by
# diversity, the most diverse first.

# %%
from smartregion.complexity import eci
from smartregion.relatedness import proximity
from smartregion.structure import diversity, ubiquity

m = pd.DataFrame([[1, 1, 1, 1], [0, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]],
                 index=["C1", "C2", "C3", "C4"], columns=["P1", "P2", "P3", "P4"])
nested = pd.DataFrame(np.triu(np.ones((4, 4), dtype=int)), index=m.index, columns=m.columns)
toy = pd.DataFrame({"diversity": diversity(m, binary=True),
                    "mean_ubiquity_of_products": m @ ubiquity(m, binary=True) / m.sum(axis=1),
                    "eci_zscore_ddof1": eci(m, binary=True, ddof=1),
                    "nested_diversity": diversity(nested, binary=True),
                    "nested_eci_zscore_ddof1": eci(nested, binary=True, ddof=1)})
phi = proximity(m, binary=True)
out.record({"toy_proximity_P3_P4": float(phi.loc["P3", "P4"]),
            "toy_ubiquity": ubiquity(m, binary=True),
            "toy_eci": toy["eci_zscore_ddof1"],
            "toy_eci_ranking": " > ".join(toy["eci_zscore_ddof1"].sort_values(
                ascending=False).index),
            "toy_nested_eci_ranking": " > ".join(toy["nested_eci_zscore_ddof1"].sort_values(
                ascending=False).index)}, section="5")
out.table(toy, "01_toy_eci", section="5")

k_c, k_p = diversity(m, binary=True), ubiquity(m, binary=True)
fig, ax = plt.subplots(figsize=(5.6, 3.6), layout="constrained")
ypos_c = {c: k for k, c in enumerate(m.index)}
ypos_p = {p: k for k, p in enumerate(m.columns)}
for c in m.index:
    for p in m.columns:
        if m.loc[c, p]:
            ax.plot([0, 1], [ypos_c[c], ypos_p[p]], color=PALETTE["muted"], lw=1.4, zorder=1)
ax.scatter([0] * len(m.index), list(ypos_c.values()), s=520, color=PALETTE["base"], zorder=3)
ax.scatter([1] * len(m.columns), list(ypos_p.values()), s=520, color=PALETTE["muted"],
           edgecolors=PALETTE["base"], linewidths=1.2, zorder=3)
# node names inside the nodes; diversity and ubiquity as two columns of a small table
for c, y in ypos_c.items():
    ax.text(0, y, c, ha="center", va="center", color="white", fontweight="bold", zorder=4)
    ax.text(-0.45, y, f"{int(k_c[c])}", ha="center", va="center")
for p, y in ypos_p.items():
    ax.text(1, y, p, ha="center", va="center", fontweight="bold", zorder=4)
    ax.text(1.45, y, f"{int(k_p[p])}", ha="center", va="center")
for x, head in ((-0.45, "diversity\n$k_c$"), (0, "country"), (1, "product"),
                (1.45, "ubiquity\n$k_p$")):
    ax.text(x, -0.85, head, ha="center", va="bottom", fontsize=8, color="#404040")
ax.set_xlim(-0.7, 1.7)
ax.set_ylim(len(m.index) - 0.4, -1.3)
ax.axis("off")
ax.set_title("Toy country-product matrix: a line joins a country to each product it "
             "exports ($M_{cp} = 1$)", fontsize=10)
add_source(fig, Source("Hand-made matrix M of this section (the example of Hidalgo & Hausmann "
                       "2009, Fig. S4)", "", "illustrative",
                       "Not data. Its ECI and proximity are in tables/01_toy_eci.csv and the "
                       "key numbers."))
out.figure(fig, "01_toy_network", section="5")
out.say("The package gives a proximity of {toy_proximity_P3_P4:.3f} for P3 and P4, the "
        "value computed by hand above. Its ECI ranks the toy's countries {toy_eci_ranking} "
        "(C4 {toy_eci[C4]:+.2f}, C1 {toy_eci[C1]:+.2f}): the divide between C2's corner and "
        "the P4 corner, with C1 in the middle, as explained above. On the nested variant the "
        "ranking is {toy_nested_eci_ranking}, the order of diversity.", section="5")

# %%
toy

# %%
out.save_keys()
