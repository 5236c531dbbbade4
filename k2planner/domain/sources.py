"""References for every statement the app makes, and the data sources (About → Sources)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    """A citation the UI and printouts can show."""

    key: str
    citation: str
    url: str = ""


_ALL: tuple[Source, ...] = (
    # statements about intake, supplements and anticoagulants
    Source(
        "iom2001",
        "Institute of Medicine (US) Food and Nutrition Board (2001). Dietary Reference Intakes "
        "for vitamin K: Adequate Intake for adults 120 µg/day (men), 90 µg/day (women), for "
        "total vitamin K.",
    ),
    Source(
        "efsa2017",
        "EFSA NDA Panel (2017). Dietary reference values for vitamin K. EFSA Journal "
        "15(5):4780. AI 70 µg/day for adults, for phylloquinone (K1) only; evidence on "
        "menaquinones judged insufficient to set a value.",
        "https://doi.org/10.2903/j.efsa.2017.4780",
    ),
    Source(
        "ods_hp",
        "NIH Office of Dietary Supplements. Vitamin K – Fact Sheet for Health Professionals: "
        "vitamin K is fat-soluble; people taking warfarin and other vitamin K antagonists "
        "need to maintain consistent vitamin K intakes.",
        "https://ods.od.nih.gov/factsheets/VitaminK-HealthProfessional/",
    ),
    Source(
        "ods_consumer",
        "NIH Office of Dietary Supplements. Vitamin K – Fact Sheet for Consumers: on a blood "
        "thinner such as warfarin, get about the same amount of vitamin K each day.",
        "https://ods.od.nih.gov/factsheets/VitaminK-Consumer/",
    ),
    Source(
        "theuwissen2013",
        "Theuwissen E, Teunissen KJ, Spronk HMH, Hamulyák K, ten Cate H, Shearer MJ, Vermeer C, "
        "Schurgers LJ (2013). Effect of low-dose supplements of menaquinone-7 (vitamin K2) on "
        "the stability of oral anticoagulant treatment: dose-response relationship in healthy "
        "volunteers. J Thromb Haemost 11(6):1085–1092. MK-7 at 10, 20 and 45 µg/day (45 µg the "
        "usual retail dose): 10 and 20 µg/day caused a clinically relevant INR drop in at "
        "least 40 % and 60 % of anticoagulated subjects; the authors conclude that MK-7 "
        "supplements need to be avoided in patients on vitamin K antagonist therapy.",
        "https://doi.org/10.1111/jth.12203",
    ),
    Source(
        "schurgers2007",
        "Schurgers LJ, Teunissen KJF, Hamulyák K, Knapen MHJ, Vik H, Vermeer C (2007). Vitamin "
        "K-containing dietary supplements: comparison of synthetic vitamin K1 and natto-derived "
        "menaquinone-7. Blood 109(8):3279–3283. MK-7 has a half-life of days and reaches "
        "7–8-fold higher blood levels on daily intake than K1; preparations supplying 50 µg/day "
        "or more of MK-7 may interfere with oral anticoagulant treatment.",
        "https://doi.org/10.1182/blood-2006-08-040709",
    ),
    Source(
        "schurgers2004",
        "Schurgers LJ, Shearer MJ, Hamulyák K, Stöcklin E, Vermeer C (2004). Effect of vitamin "
        "K intake on the stability of oral anticoagulant treatment: dose-response relationships "
        "in healthy subjects. Blood 104(9):2682–2689. K1 supplements below about 150 µg/day did "
        "not significantly change the INR.",
        "https://doi.org/10.1182/blood-2004-04-1525",
    ),
    Source(
        "knapen2013",
        "Knapen MHJ et al. (2013). Osteoporos Int 24(9):2499–2507: MK-7 180 µg/day for 3 years.",
        "https://doi.org/10.1007/s00198-013-2325-6",
    ),
    Source(
        "emaus2010",
        "Emaus N et al. (2010). Osteoporos Int 21(10):1731–1740: MK-7 360 µg/day for 1 year.",
        "https://doi.org/10.1007/s00198-009-1126-4",
    ),
    Source(
        "kurnatowska2015",
        "Kurnatowska I et al. (2015). Pol Arch Med Wewn: MK-7 90 µg/day together with vitamin "
        "D3 10 µg/day for 270 days.",
    ),
    Source(
        "truong2011",
        "Truong JT, Booth SL (2011). Emerging issues in vitamin K research. J Evid Based "
        "Complementary Altern Med 16(1):73–79: supplement labels often misstate their vitamin "
        "K content; MK-4 at 45 mg/day is drug therapy in Japan, not a nutritional supplement. "
        "(DOI not verified in this project.)",
    ),
    Source(
        "doac_mechanism",
        "Direct oral anticoagulants (apixaban, rivaroxaban, edoxaban: factor Xa inhibitors; "
        "dabigatran: a thrombin inhibitor) act directly on clotting factors, not through "
        "vitamin K (product information of each medicine).",
    ),
    # data
    Source(
        "usda_sr28",
        "US Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory. "
        "USDA National Nutrient Database for Standard Reference, Release 28 (2015). Public "
        "domain.",
        "https://www.ars.usda.gov/nea/bhnrc/fsrg",
    ),
    Source(
        "ciqual_2025",
        "Anses. 2025. Ciqual French food composition table (version 2025-11-03). Licence "
        "Ouverte / Open Licence.",
        "https://doi.org/10.5281/zenodo.17550133",
    ),
    Source(
        "nevo2021",
        "RIVM. NEVO-online 2021, version 7.0, Dutch Food Composition Database (K2 totals).",
    ),
    Source(
        "k2viewer",
        "Kaesler N, SFB TRR219, RWTH Aachen. K2viewer – The K2 Database (per-form "
        "menaquinones, compiled from published studies).",
        "https://k2viewer.vercel.app/",
    ),
    Source(
        "jensen2022_crfs",
        "Jensen MB et al. (2022). In vitro bioaccessibility of vitamin K … Curr Res Food Sci "
        "5:306–314 (natto per form).",
        "https://doi.org/10.1016/j.crfs.2022.01.018",
    ),
    Source(
        "k2_literature",
        "21 published sources of menaquinone values (Kamao 2007, Palmer 2021, Tanaka 2026, "
        "Dunlop 2022, Jensen 2025, Walther 2013 and others), listed in resources/sources/"
        "k2_literature/SOURCES.md with their caveats.",
    ),
)

SOURCES: dict[str, Source] = {s.key: s for s in _ALL}
DATA_SOURCE_KEYS: tuple[str, ...] = (
    "usda_sr28",
    "ciqual_2025",
    "nevo2021",
    "k2viewer",
    "jensen2022_crfs",
    "k2_literature",
)


def sources(*keys: str) -> tuple[Source, ...]:
    """The sources for ``keys`` (a KeyError names an unknown key)."""
    return tuple(SOURCES[k] for k in keys)
