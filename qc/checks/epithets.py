"""Home-town epithets that point at the wrong company: « le géant basé à Redmond » in an
article about Apple.

French tech writing names a company by the town of its head office so as not to repeat
it (« la firme de Cupertino » for Apple, « le groupe de Redmond » for Microsoft). A
translation or a hurried rewrite swaps the towns, and the sentence still reads well. The
towns are the fact table's (an entity's `headquarters`, a place entity), so the check
knows no company the table does not.

An epithet refers back to a company already named (a product named after its maker,
"Google Drive", names the maker). It is flagged when the company the article names most
(at least twice, and three times as often as all those of the town together) has a known
town, is named before the epithet, and no company of the epithet's town is: that company
is what the epithet was meant to designate. Articles about no company in particular, or
about one the table has no town for, are left alone.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Iterable

from qc.checks.base import Check, Context, Rule, register
from qc.checks.context import name_hits
from qc.facts.names import Hit
from qc.findings import Finding, Severity
from qc.resources import Resources

RULE = Rule(
    "fact.headquarters", "fact", Severity.WARNING,
    "Périphrase géographique (« la firme de Cupertino ») qui désigne une autre société que celle de l'article.",
    explanation=(
        "Pour éviter une répétition, on désigne souvent une société par la ville de son siège : "
        "« le géant de Cupertino » pour Apple, « la firme de Redmond » pour Microsoft. Une traduction "
        "qui se trompe de ville attribue les propos ou les produits à une autre société. qc compare la "
        "ville aux sièges de la table des faits : une périphrase renvoie à une société déjà nommée ; elle "
        "est signalée quand aucune société de cette ville n'a été nommée avant elle, et que la société "
        "dont l'article parle surtout a son siège ailleurs."
    ),
    example_bad="Apple présente ses nouveaux iPhone. Apple mise sur l'IA, et le géant technologique basé à Redmond promet une mise à jour.",
    example_good="Apple présente ses nouveaux iPhone. Apple mise sur l'IA, et le géant technologique basé à Cupertino promet une mise à jour.",
)

#: what an epithet calls a company, then up to two qualifiers ("le géant technologique américain")
_NOUNS = (
    r"géant|géante|firme|groupe|société|entreprise|compagnie|multinationale|constructeur|fabricant|"
    r"éditeur|fondeur|concepteur|mastodonte|colosse|numéro un|leader"
)
_QUALIFIERS = (
    r"technologique|américaine?|californienne?|texane?|informatique|numérique|high-tech|tech|"
    r"taïwanaise?|néerlandaise?|allemande?|européenne?|mondiale?|"
    r"de la tech|des technologies|du numérique|de l['’]informatique|du logiciel|des puces|des semi-conducteurs|de l['’]internet"
)
_LINKS = (
    r"de|basée?s?\s+à|installée?s?\s+à|établie?s?\s+à|implantée?s?\s+à|sise?\s+à|"
    r"dont le siège(?:\s+social)?\s+est(?:\s+situé)?\s+à"
)
_DETERMINERS = r"le|la|l['’]|du|au|ce|cet|cette|de la|à la"
#: the epithet that ends right before a town ("le géant technologique basé à "), searched in
#: a short window before each mention of the town: the name scan finds the towns (place
#: entities), and a pattern that opens with the determiners would be tried at every position
_EPITHET_BEFORE = re.compile(
    rf"\b(?:{_DETERMINERS})\s*(?:{_NOUNS})(?:\s+(?:{_QUALIFIERS})){{0,2}}\s+(?:{_LINKS})\s+$",
    re.IGNORECASE,
)
#: how far before the town an epithet may start
_WINDOW = 120


def _of(name: str) -> str:
    """"de Microsoft", "d'Apple"."""
    return f"d'{name}" if name[:1].lower() in "aeiouyhéèêâîô" else f"de {name}"


@register
class EpithetCheck(Check):
    rules = (RULE,)

    def __init__(self, resources: Resources):
        self.resources = resources

    @functools.cached_property
    def _towns(self) -> dict[str, str]:
        """Place id of the head-office town of each company that has one, by entity id."""
        return {e.id: e.headquarters for e in self.resources.facts.entities.values() if e.headquarters}

    @functools.cached_property
    def _residents(self) -> dict[str, frozenset[str]]:
        """The companies of each town, by place id (Santa Clara: Nvidia, Intel and AMD)."""
        by_town: dict[str, set[str]] = {}
        for entity, town in self._towns.items():
            by_town.setdefault(town, set()).add(entity)
        return {town: frozenset(ids) for town, ids in by_town.items()}

    @functools.cached_property
    def _by_first_word(self) -> dict[str, str]:
        """Companies with a town whose name is one word, by that word: a product named
        after its maker ("Google Drive", "Microsoft Edge") is also a mention of the maker."""
        entities = self.resources.facts.entities
        return {entities[e].name: e for e in self._towns if " " not in entities[e].name}

    def _companies_of(self, hit: Hit) -> set[str]:
        """The companies with a town that a name stands for."""
        companies = {e for e in hit.entities if e in self._towns}
        maker = self._by_first_word.get(hit.text.split(None, 1)[0])
        if maker:
            companies.add(maker)
        return companies

    def run(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.doc.text
        residents_of = self._residents
        hits = name_hits(ctx, self.resources)
        # the towns are place entities: the name scan has found them already
        found = []
        for h in hits:
            if h.form.entity in residents_of and h.form.kind == "name":
                m = _EPITHET_BEFORE.search(text, max(0, h.start - _WINDOW), h.start)
                if m:
                    found.append((h.form.entity, m.start(), h.end))
        if not found:
            return
        names = [(h.end, self._companies_of(h)) for h in hits if h.form.kind == "name"]
        counts = Counter(e for _, companies in names for e in companies)
        if not counts:
            return
        (likely, times), *rest = counts.most_common()
        if times < 2 or (rest and rest[0][1] == times):
            return  # no company the article is plainly about
        entities = self.resources.facts.entities
        for town, start, end in found:
            residents = residents_of[town]
            if self._towns[likely] == town or 3 * sum(counts[e] for e in residents) > times:
                continue
            # an epithet refers back: to a company named before it, never to one named only after
            before = {e for end_, companies in names if end_ <= start for e in companies}
            if likely not in before or not residents.isdisjoint(before):
                continue
            entity, place, home = entities[likely], entities[town], entities[self._towns[likely]]
            companies = ", ".join(sorted(entities[e].name for e in residents))
            yield ctx.finding(
                RULE, start, end,
                f"« {place.name} » est le siège {_of(companies)}, dont l'article n'a pas parlé jusque-là ; "
                f"il parle surtout {_of(entity.name)}, dont le siège est à {home.name} (source : {entity.source}).",
                text[start : end - len(place.name)] + home.name if text[start:end].endswith(place.name) else None,
                {"entity": likely, "source": entity.source, "town": place.name},
                confidence=0.8,
            )
