"""Plain English for families: spell out acronyms, keep names out, measure readability."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

# What each acronym stands for, as a family would say it. Spelled out on first use.
GLOSSARY: dict[str, str] = {
    "SEND": "special educational needs and disabilities",
    "EHCP": "education, health and care plan",
    "EHCNA": "education, health and care needs assessment",
    "EHC": "education, health and care",
    "SALT": "speech and language therapy",
    "SLCN": "speech, language and communication needs",
    "ICB": "Integrated Care Board",
    "PCF": "Parent Carer Forum",
    "SENDIASS": "SEND information, advice and support service",
    "ND": "neurodevelopmental",
    "NST": "neurodevelopmental support team",
    "SEMH": "social, emotional and mental health",
    "CAMHS": "children and young people's mental health services",
    "SENCO": "special educational needs coordinator",
    "PfA": "preparing for adulthood",
    "WSoA": "written statement of action",
    "APA": "area of priority action",
    "AFI": "area for improvement",
    "DfE": "Department for Education",
    "NHSE": "NHS England",
    "CQC": "Care Quality Commission",
    "RAG": "red, amber or green rating",
}

_KNOWN = "|".join(sorted(GLOSSARY, key=len, reverse=True))
_ACRONYM = re.compile(rf"\b({_KNOWN})(s?)\b")
_EXPLAINED = re.compile(rf"\(({_KNOWN})s?\)")


def expand_acronyms(texts: Iterable[str], seen: set[str] | None = None) -> list[str]:
    """Spell out each known acronym the first time it appears across `texts`, in order.

    An acronym the writer already explained, as in "(EHCP)", counts as seen.
    """
    seen = set() if seen is None else seen
    expanded = []
    for text in texts:
        seen.update(_EXPLAINED.findall(text))

        def spell_out(match: re.Match) -> str:
            acronym, plural = match.group(1), match.group(2)
            if acronym in seen:
                return match.group(0)
            seen.add(acronym)
            words = f"{GLOSSARY[acronym]}{plural} ({acronym}{plural})"
            return _capital(words) if _starts_sentence(match) else words

        expanded.append(_ACRONYM.sub(spell_out, text))
    return expanded


def unexplained_acronyms(texts: Iterable[str]) -> list[str]:
    """Known acronyms used before (or without) being spelled out, in order of first use."""
    seen: set[str] = set()
    found: list[str] = []
    for text in texts:
        seen.update(_EXPLAINED.findall(text))
        for match in _ACRONYM.finditer(text):
            if match.group(1) not in seen and match.group(1) not in found:
                found.append(match.group(1))
    return found


def names_in(text: str, names: Iterable[str]) -> list[str]:
    """Which of `names` appear in `text`, so an editor can take them out before publishing."""
    return [name for name in names if re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE)]


def without_names(text: str, replacements: dict[str, str]) -> str:
    """`text` with each name in `replacements` (longest first) swapped for its description."""
    for name in sorted(replacements, key=len, reverse=True):
        description = replacements[name]

        def describe(match: re.Match, description=description) -> str:
            return _capital(description) if _starts_sentence(match) else description

        text = re.sub(rf"\b{re.escape(name)}\b", describe, text, flags=re.IGNORECASE)
    return text


def _starts_sentence(match: re.Match) -> bool:
    return re.search(r"(^|[.!?:]\s+)$", match.string[: match.start()]) is not None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# Targets for text read by families: most plain-English guidance asks for sentences of
# 15 to 20 words on average and a Flesch reading ease of 60 or more.
TARGET_SENTENCE_LENGTH = 20
TARGET_READING_EASE = 60


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    average_sentence_length: float
    long_word_share: float
    reading_ease: float

    @property
    def meets_target(self) -> bool:
        return (
            self.average_sentence_length <= TARGET_SENTENCE_LENGTH
            and self.reading_ease >= TARGET_READING_EASE
        )

    @property
    def long_word_percent(self) -> int:
        return round(self.long_word_share * 100)


def syllables(word: str) -> int:
    """An estimate good enough for a readability figure: groups of vowels, less a silent e."""
    word = word.lower()
    groups = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and groups > 1:
        groups -= 1
    return max(groups, 1)


def readability(texts: Iterable[str]) -> Readability:
    """Flesch reading ease and sentence length of `texts`, each a paragraph or a bullet.

    A bullet without a full stop still counts as a sentence.
    """
    sentences = []
    for text in texts:
        sentences.extend(part for part in re.split(r"[.!?]+(?:\s+|$)", text) if part.strip())
    words = [
        word
        for sentence in sentences
        for word in re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", sentence)
    ]
    if not words:
        return Readability(0, 0, 0.0, 0.0, 100.0)
    counts = [syllables(word) for word in words]
    per_sentence = len(words) / len(sentences)
    ease = 206.835 - 1.015 * per_sentence - 84.6 * (sum(counts) / len(words))
    return Readability(
        words=len(words),
        sentences=len(sentences),
        average_sentence_length=round(per_sentence, 1),
        long_word_share=sum(1 for count in counts if count >= 3) / len(words),
        reading_ease=round(max(min(ease, 100.0), 0.0), 1),
    )
